// The generic registry store (upstream: registry/generic/registry.Store):
// one implementation of RESTStorage for every resource. What differs between
// resources comes from the ResourceDefinition and its Strategy; the rules
// every resource shares live in create.ts, update.ts, delete.ts and
// spec-status.ts, and this file strings them together around storage calls.
//
// Errors: storage failures become API errors through interpretStorageError
// (NotFound, AlreadyExists, Conflict, 410 Expired, ...); the rules throw
// StatusErrors (400, 409, 422) themselves.

import {
  type DeleteOptions,
  type GroupResource,
  type KubeObject,
  type ListMeta,
  OPTIMISTIC_LOCK_ERROR_MSG,
  StatusError,
  invalid,
  isAlreadyExists,
  isNotFound,
  newConflict,
  newGenerateNameConflict,
  newInvalid,
  newNotFound,
} from "@tskube/apimachinery";
import { type Preconditions, type Storage, type Watch, interpretStorageError, isStorageError } from "@tskube/storage";
import { prepareCreate } from "./create.js";
import {
  checkDeletePreconditions,
  finalizersForGarbageCollection,
  isDryRunDelete,
  markAsDeleting,
  shouldDeleteDuringUpdate,
  validateDeleteOptions,
} from "./delete.js";
import { DryRunnableStorage } from "./dry-run.js";
import { ResourceKeys } from "./keys.js";
import { MAX_NAME_GENERATION_ATTEMPTS, type NameGenerator, generateName } from "./names.js";
import { checkNameMatchesRequest } from "./object-meta.js";
import { groupResourceOf, withTypeMeta } from "./objects.js";
import { apiVersionOf, type ResourceDefinition } from "./resource.js";
import type { ListParams, ObjectList, RESTStorage, RequestScope, UpdatedObjectInfo } from "./rest-storage.js";
import { selectionFor } from "./selection.js";
import { type UpdateTarget, prepareUpdate } from "./update.js";
import { mapWatch } from "./watch.js";

export interface RegistryStoreOptions<T extends KubeObject> {
  /** Where objects are kept (a Store, or a Cacher in front of one). */
  storage: Storage<T>;
  /** The resource's collection key; default `/<resource>`. Custom resources use `/<group>/<resource>`. */
  resourcePrefix?: string;
  /**
   * Record the garbage collector's finalizers (`orphan`, `foregroundDeletion`)
   * when a DELETE asks for Orphan or Foreground propagation. Default true, as
   * upstream; turn off where no garbage collector will ever remove them.
   */
  garbageCollection?: boolean;
  /** How metadata.generateName becomes a name; default: prefix + 5 random characters. */
  nameGenerator?: NameGenerator;
  /** Objects expire this many seconds after their last write (upstream: TTLFunc; events use 1 h). */
  ttlSeconds?: number;
  /**
   * A further condition for an update that empties metadata.finalizers of an
   * object being deleted to remove it (upstream: Store.ShouldDeleteDuringUpdate;
   * namespaces also wait for spec.finalizers).
   */
  shouldDeleteDuringUpdate?: (obj: T, old: T) => boolean;
}

/** How many objects deleteCollection lists at a time when the request sets no limit. */
const DELETE_COLLECTION_PAGE_SIZE = 10_000;

/** Thrown inside a storage update to leave it without writing; caught right after. */
class AbortWrite extends Error {
  constructor(readonly why: "delete-now") {
    super(why);
  }
}

export class RegistryStore<T extends KubeObject> implements RESTStorage<T> {
  readonly definition: ResourceDefinition<T>;
  readonly keys: ResourceKeys;
  /** Reads go straight to storage. */
  private readonly storage: Storage<T>;
  /** Writes go through the dry-run switch. */
  private readonly writer: DryRunnableStorage<T>;
  private readonly garbageCollection: boolean;
  private readonly nameGenerator: NameGenerator;
  private readonly ttl: { ttlSeconds?: number };
  private readonly extraDeleteDuringUpdate: ((obj: T, old: T) => boolean) | undefined;

  constructor(def: ResourceDefinition<T>, opts: RegistryStoreOptions<T>) {
    this.definition = def;
    this.keys = new ResourceKeys(opts.resourcePrefix ?? `/${def.resource}`, def.namespaced);
    this.storage = opts.storage;
    this.writer = new DryRunnableStorage(opts.storage);
    this.garbageCollection = opts.garbageCollection ?? true;
    this.nameGenerator = opts.nameGenerator ?? generateName;
    this.ttl = opts.ttlSeconds ? { ttlSeconds: opts.ttlSeconds } : {};
    this.extraDeleteDuringUpdate = opts.shouldDeleteDuringUpdate;
  }

  private get resource(): GroupResource {
    return groupResourceOf(this.definition);
  }

  private typed = (obj: T): T => withTypeMeta(this.definition, obj);

  // ---- reads ----------------------------------------------------------------

  async get(scope: RequestScope, name: string, opts: { resourceVersion?: string } = {}): Promise<T> {
    const key = this.keys.object(scope.namespace, name);
    try {
      const obj = await this.storage.get(key, opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {});
      return this.typed(obj);
    } catch (err) {
      throw interpretStorageError(err, this.resource, name, "get");
    }
  }

  async list(scope: RequestScope, params: ListParams): Promise<ObjectList<T>> {
    const selection = selectionFor(this.definition, this.keys, scope.namespace, params);
    try {
      const result = await this.storage.getList(selection.key, {
        predicate: selection.predicate,
        recursive: selection.recursive,
        ...(params.resourceVersion !== undefined ? { resourceVersion: params.resourceVersion } : {}),
        ...(params.resourceVersionMatch !== undefined ? { resourceVersionMatch: params.resourceVersionMatch } : {}),
      });
      const metadata: ListMeta = { resourceVersion: result.resourceVersion };
      if (result.continue) metadata.continue = result.continue;
      if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
      return {
        apiVersion: apiVersionOf(this.definition),
        kind: this.definition.listKind ?? `${this.definition.kind}List`,
        metadata,
        items: result.items.map(this.typed),
      };
    } catch (err) {
      throw interpretStorageError(err, this.resource, "", "list");
    }
  }

  async watch(scope: RequestScope, params: ListParams): Promise<Watch<T>> {
    const selection = selectionFor(this.definition, this.keys, scope.namespace, params);
    try {
      const source = await this.storage.watch(selection.key, {
        predicate: selection.predicate,
        recursive: selection.recursive,
        ...(params.resourceVersion !== undefined ? { resourceVersion: params.resourceVersion } : {}),
        ...(params.allowWatchBookmarks !== undefined ? { allowWatchBookmarks: params.allowWatchBookmarks } : {}),
        ...(params.sendInitialEvents !== undefined ? { sendInitialEvents: params.sendInitialEvents } : {}),
      });
      return mapWatch(source, this.typed);
    } catch (err) {
      throw interpretStorageError(err, this.resource, "", "watch");
    }
  }

  // ---- create ---------------------------------------------------------------

  /**
   * Stores a new object. With generateName and no name, a name is generated,
   * and generated again (up to 8 tries) while it collides with an existing one.
   */
  async create(scope: RequestScope, obj: T): Promise<T> {
    const generate = !obj.metadata?.name && !!obj.metadata?.generateName;
    const attempts = generate ? MAX_NAME_GENERATION_ATTEMPTS : 1;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        return await this.createOnce(scope, structuredClone(obj), generate);
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        lastError = err;
      }
    }
    throw lastError;
  }

  private async createOnce(scope: RequestScope, obj: T, generate: boolean): Promise<T> {
    obj.metadata = { ...obj.metadata };
    if (generate) obj.metadata.name = this.nameGenerator(obj.metadata.generateName ?? "");
    const prepared = prepareCreate(this.definition, scope, obj);
    await scope.validation?.create?.(structuredClone(prepared));
    const name = prepared.metadata.name ?? "";
    const key = this.keys.object(scope.namespace, name);
    try {
      return this.typed(await this.writer.create(key, prepared, this.ttl, scope.dryRun));
    } catch (err) {
      throw await this.createError(err, key, prepared);
    }
  }

  /** The API error for a failed create, worded as upstream for generated names and objects being deleted. */
  private async createError(err: unknown, key: string, obj: T): Promise<unknown> {
    const name = obj.metadata.name ?? "";
    let apiErr = interpretStorageError(err, this.resource, name, "create");
    if (!isAlreadyExists(apiErr)) return apiErr;
    // Upstream answers this way whenever generateName is set, even next to a client-chosen name.
    if (obj.metadata.generateName) apiErr = newGenerateNameConflict(this.resource, name, 1);
    const existing = await this.storage.get(key, { ignoreNotFound: true }).catch(() => null);
    if (existing?.metadata.deletionTimestamp && apiErr instanceof StatusError) {
      const s = apiErr.status;
      apiErr = new StatusError({
        code: s.code,
        message: `object is being deleted: ${s.message ?? ""}`,
        ...(s.reason !== undefined ? { reason: s.reason } : {}),
        ...(s.details !== undefined ? { details: s.details } : {}),
      });
    }
    return apiErr;
  }

  // ---- update ---------------------------------------------------------------

  async update(
    scope: RequestScope,
    name: string,
    objInfo: UpdatedObjectInfo<T>,
    opts: { forceAllowCreate?: boolean } = {},
  ): Promise<{ object: T; created: boolean }> {
    const allowCreate = (this.definition.strategy.allowCreateOnUpdate ?? false) || (opts.forceAllowCreate ?? false);
    return this.updateObject(scope, name, objInfo, { target: "main", allowCreate });
  }

  /**
   * The update shared by the main resource and its subresources: read the
   * stored object, let `objInfo` compute the new one, check its
   * resourceVersion, prepare and validate it, and write it, retrying from the
   * top if another writer got there first.
   */
  async updateObject(
    scope: RequestScope,
    name: string,
    objInfo: UpdatedObjectInfo<T>,
    opts: { target: UpdateTarget<T>; allowCreate: boolean },
  ): Promise<{ object: T; created: boolean }> {
    const key = this.keys.object(scope.namespace, name);
    const preconditions = objInfo.preconditions?.();
    // What the last try decided; the storage call may run tryUpdate several times.
    const outcome: { creating: boolean; emptiedFinalizers: T | undefined } = { creating: false, emptiedFinalizers: undefined };

    const tryUpdate = async (current: T | null): Promise<T> => {
      outcome.creating = current === null;
      outcome.emptiedFinalizers = undefined;
      if (current === null) {
        if (!opts.allowCreate) throw newNotFound(this.resource, name);
        const obj = structuredClone(await objInfo.updatedObject(null));
        obj.metadata ??= {};
        checkNameMatchesRequest(obj.metadata, name, scope.namespace);
        const created = prepareCreate(this.definition, scope, obj);
        await scope.validation?.create?.(structuredClone(created));
        return created;
      }
      const existing = this.typed(structuredClone(current));
      // Our own copy: the caller may hand out the same object on every try.
      const obj = structuredClone(await objInfo.updatedObject(structuredClone(existing)));
      obj.metadata ??= {};
      checkNameMatchesRequest(obj.metadata, name, scope.namespace);
      this.checkResourceVersion(obj, existing);
      const next = prepareUpdate(this.definition, scope, obj, existing, opts.target);
      if (shouldDeleteDuringUpdate(next, existing) && (this.extraDeleteDuringUpdate?.(next, existing) ?? true)) {
        outcome.emptiedFinalizers = next;
        throw new AbortWrite("delete-now");
      }
      // The object is final: the request's own checks (validating admission) come last, as upstream.
      await scope.validation?.update?.(structuredClone(next), structuredClone(existing));
      return next;
    };

    try {
      const stored = await this.writer.guaranteedUpdate(
        key,
        { tryUpdate, ignoreNotFound: opts.allowCreate, ...this.ttl, ...(preconditions ? { preconditions } : {}) },
        scope.dryRun,
      );
      return { object: this.typed(stored), created: outcome.creating };
    } catch (err) {
      if (err instanceof AbortWrite && outcome.emptiedFinalizers) {
        return this.deleteFinalized(scope, key, name, outcome.emptiedFinalizers, preconditions);
      }
      throw interpretStorageError(err, this.resource, name, outcome.creating ? "create" : "update");
    }
  }

  /**
   * A PUT must carry the stored resourceVersion (else 409 Conflict); one
   * without it is allowed when the strategy allows unconditional updates
   * (last write wins), else it is a 422 as upstream.
   */
  private checkResourceVersion(obj: T, existing: T): void {
    const name = existing.metadata.name ?? "";
    const current = existing.metadata.resourceVersion ?? "";
    const sent = obj.metadata.resourceVersion ?? "";
    if (sent === "") {
      if (this.definition.strategy.allowUnconditionalUpdate ?? true) {
        obj.metadata.resourceVersion = current;
        return;
      }
      // Upstream names the resource in the kind slot here (`widgets.example.com "x" is invalid`).
      throw newInvalid({ group: this.definition.group, kind: this.definition.resource }, name, [
        invalid("metadata.resourceVersion", 0, "must be specified for an update"),
      ]);
    }
    if (sent !== current) throw newConflict(this.resource, name, OPTIMISTIC_LOCK_ERROR_MSG);
  }

  /** An update removed the last finalizer of an object being deleted: remove it. */
  private async deleteFinalized(
    scope: RequestScope,
    key: string,
    name: string,
    obj: T,
    preconditions: Preconditions | undefined,
  ): Promise<{ object: T; created: boolean }> {
    try {
      await this.writer.delete(key, preconditions ? { preconditions } : {}, scope.dryRun);
    } catch (err) {
      // Several clients may remove finalizers at once; the object being gone already is fine.
      if (!isStorageError(err, "KeyNotFound")) throw interpretStorageError(err, this.resource, name, "delete");
    }
    return { object: this.typed(obj), created: false };
  }

  // ---- delete ---------------------------------------------------------------

  async delete(scope: RequestScope, name: string, opts: DeleteOptions): Promise<{ object: T; deleted: boolean }> {
    validateDeleteOptions(opts);
    const dryRun = scope.dryRun || isDryRunDelete(opts);
    const key = this.keys.object(scope.namespace, name);
    let existing: T;
    try {
      existing = this.typed(await this.storage.get(key));
    } catch (err) {
      throw interpretStorageError(err, this.resource, name, "delete");
    }
    checkDeletePreconditions(this.definition, existing, opts);
    const preconditions = storagePreconditions(opts);

    const finalizers = existing.metadata.finalizers ?? [];
    const gcChanges = this.garbageCollection && finalizersForGarbageCollection(finalizers, opts).changed;
    if (finalizers.length > 0 || gcChanges) {
      const marked = await this.markForDeletion(scope, key, name, opts, preconditions, dryRun);
      if (marked) return { object: marked, deleted: false };
    }

    const validation = scope.validation;
    try {
      const last = await this.writer.delete(
        key,
        {
          ...(preconditions ? { preconditions } : {}),
          ...(validation?.delete ? { validateDeletion: (current: T) => validation.delete?.(structuredClone(current)) } : {}),
        },
        dryRun,
      );
      return { object: this.typed(last), deleted: true };
    } catch (err) {
      throw interpretStorageError(err, this.resource, name, "delete");
    }
  }

  /**
   * Sets the garbage collector's finalizers as the options ask, then marks the
   * object as being deleted. Returns null when no finalizer is left, so the
   * object can be removed right away.
   */
  private async markForDeletion(
    scope: RequestScope,
    key: string,
    name: string,
    opts: DeleteOptions,
    preconditions: Preconditions | undefined,
    dryRun: boolean,
  ): Promise<T | null> {
    try {
      return await this.writeDeletionMark(scope, key, name, opts, preconditions, dryRun, (obj) => {
        if ((obj.metadata.finalizers ?? []).length === 0) throw new AbortWrite("delete-now");
        markAsDeleting(obj.metadata);
      });
    } catch (err) {
      if (err instanceof AbortWrite) return null;
      throw err;
    }
  }

  /**
   * Marks an object as being deleted by the kind's own rules instead of the
   * generic ones, and stores it without removing it: for REST storage whose
   * DELETE is a change of state (upstream: the namespace REST's Delete, which
   * writes through its store). The request's delete validation sees the
   * stored object first; the garbage collector's finalizers are set as `opts`
   * ask (when this store records them); then `mark` changes the object in
   * place. Returns the object as stored.
   */
  markDeleting(
    scope: RequestScope,
    name: string,
    opts: DeleteOptions,
    preconditions: Preconditions | undefined,
    mark: (obj: T) => void,
  ): Promise<T> {
    const key = this.keys.object(scope.namespace, name);
    return this.writeDeletionMark(scope, key, name, opts, preconditions, scope.dryRun || isDryRunDelete(opts), mark);
  }

  /** The write that marks an object for deletion: validation, the garbage collector's finalizers, then `mark`. */
  private async writeDeletionMark(
    scope: RequestScope,
    key: string,
    name: string,
    opts: DeleteOptions,
    preconditions: Preconditions | undefined,
    dryRun: boolean,
    mark: (obj: T) => void,
  ): Promise<T> {
    try {
      const marked = await this.writer.guaranteedUpdate(
        key,
        {
          ...this.ttl,
          ...(preconditions ? { preconditions } : {}),
          tryUpdate: async (current) => {
            if (!current) throw newNotFound(this.resource, name);
            await scope.validation?.delete?.(structuredClone(current));
            const obj = structuredClone(current);
            if (this.garbageCollection) {
              const gc = finalizersForGarbageCollection(obj.metadata.finalizers ?? [], opts);
              if (gc.changed) obj.metadata.finalizers = gc.finalizers;
            }
            mark(obj);
            return obj;
          },
        },
        dryRun,
      );
      return this.typed(marked);
    } catch (err) {
      if (err instanceof AbortWrite) throw err;
      throw interpretStorageError(err, this.resource, name, "delete");
    }
  }

  /**
   * Deletes every object a list with `params` returns, one by one (not
   * atomic, as upstream). Returns the objects as listed. Without a limit it
   * pages through all of them; with one it stops after the first page.
   */
  async deleteCollection(scope: RequestScope, opts: DeleteOptions, params: ListParams): Promise<ObjectList<T>> {
    validateDeleteOptions(opts);
    const hasLimit = (params.limit ?? 0) > 0;
    let pageParams: ListParams = hasLimit ? params : { ...params, limit: DELETE_COLLECTION_PAGE_SIZE };
    const deleted: T[] = [];
    let firstPage: ObjectList<T> | undefined;
    for (;;) {
      const page = await this.list(scope, pageParams);
      for (const item of page.items) {
        const itemScope = { ...scope, namespace: item.metadata.namespace ?? "" };
        try {
          await this.delete(itemScope, item.metadata.name ?? "", opts);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      if (hasLimit) return page;
      deleted.push(...page.items);
      firstPage ??= page;
      if (!page.metadata.continue) {
        // Every item is in this one list, so it carries no paging fields.
        return { ...firstPage, metadata: { resourceVersion: firstPage.metadata.resourceVersion ?? "" }, items: deleted };
      }
      const { resourceVersion: _rv, resourceVersionMatch: _match, ...rest } = pageParams;
      pageParams = { ...rest, continue: page.metadata.continue };
    }
  }
}

/** The uid and resourceVersion preconditions of DELETE options, for storage. */
function storagePreconditions(opts: DeleteOptions): Preconditions | undefined {
  const pre = opts.preconditions;
  if (!pre || (pre.uid === undefined && pre.resourceVersion === undefined)) return undefined;
  return {
    ...(pre.uid !== undefined ? { uid: pre.uid } : {}),
    ...(pre.resourceVersion !== undefined ? { resourceVersion: pre.resourceVersion } : {}),
  };
}
