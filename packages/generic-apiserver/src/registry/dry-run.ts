// dryRun=All: the request runs every step (defaulting, validation, admission)
// and reports the errors a real write would (AlreadyExists, Conflict,
// NotFound), but nothing is persisted (upstream: registry/dryrun.go).
//
// The three writes take a `dryRun` flag; with it they read the current state,
// check it the way storage would, and return what would have been stored.

import type { KubeObject } from "@tskube/apimachinery";
import { type DeleteOptions, type GuaranteedUpdateOptions, type Preconditions, type Storage, StorageError } from "@tskube/storage";

export class DryRunnableStorage<T extends KubeObject> {
  constructor(readonly storage: Storage<T>) {}

  async create(key: string, obj: T, opts: { ttlSeconds?: number }, dryRun: boolean): Promise<T> {
    if (!dryRun) return this.storage.create(key, obj, opts);
    if (obj.metadata.resourceVersion) {
      throw new StorageError("InvalidObject", key, "resourceVersion should not be set on objects to be created");
    }
    if (await this.storage.get(key, { ignoreNotFound: true })) {
      throw new StorageError("KeyExists", key, `key ${key} already exists`);
    }
    return structuredClone(obj);
  }

  async guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions<T>, dryRun: boolean): Promise<T> {
    if (!dryRun) return this.storage.guaranteedUpdate(key, opts);
    const current = await this.storage.get(key, { ignoreNotFound: true });
    if (!current && !opts.ignoreNotFound) throw new StorageError("KeyNotFound", key, `key ${key} not found`);
    if (current) checkPreconditions(key, opts.preconditions, current);
    return opts.tryUpdate(current ? structuredClone(current) : null);
  }

  /** Returns the object's last state, as a real delete does. */
  async delete(key: string, opts: DeleteOptions<T>, dryRun: boolean): Promise<T> {
    if (!dryRun) return this.storage.delete(key, opts);
    const current = await this.storage.get(key);
    checkPreconditions(key, opts.preconditions, current);
    await opts.validateDeletion?.(current);
    return current;
  }
}

/** The storage layer's uid and resourceVersion checks, with its messages. */
function checkPreconditions(key: string, pre: Preconditions | undefined, obj: KubeObject): void {
  if (!pre) return;
  const uid = obj.metadata.uid ?? "";
  if (pre.uid !== undefined && pre.uid !== uid) {
    throw new StorageError("Conflict", key, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${uid}`);
  }
  const rv = obj.metadata.resourceVersion ?? "";
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== rv) {
    throw new StorageError(
      "Conflict",
      key,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${rv}`,
    );
  }
}
