// The storage of namespaces (upstream: pkg/registry/core/namespace/storage):
// the generic registry store, with upstream's life cycle on top.
//
//   DELETE, first time     the namespace is only marked: deletionTimestamp set,
//                          status.phase Terminating; 200 with the namespace
//   the namespace controller empties it, then PUTs /finalize without `kubernetes`
//   PUT /finalize          changes spec.finalizers (and metadata), never status;
//                          once spec.finalizers and metadata.finalizers are both
//                          empty, the namespace is removed
//   DELETE, again          200 with the namespace while spec.finalizers remain;
//                          else the generic delete (metadata.finalizers apply)
//
// Refusing to delete default, kube-system and kube-public is admission's job
// (NamespaceLifecycle), as upstream.

import { type DeleteOptions, type ObjectMeta, newConflict, now } from "@tskube/apimachinery";
import {
  type CustomSubresourceStorage,
  ForwardingStorage,
  type RegistryStore,
  type RequestScope,
  type ResourceStorage,
  type SubresourceUpdateRules,
  type UpdatedObjectInfo,
} from "@tskube/generic-apiserver";
import type { Preconditions } from "@tskube/storage";
import { registryStoreFor } from "../../../../registry/registry-store.js";
import type { StorageFactory } from "../../../../registry/storage-factory.js";
import { namespaceDefinition } from "./definition.js";
import { NAMESPACE_TERMINATING, type Namespace } from "./schema.js";
import { validateNamespaceFinalizeUpdate } from "./validation.js";

const NAMESPACES = { group: "", resource: "namespaces" };

/** What `/finalize` may change (upstream: namespaceFinalizeStrategy): everything but status. */
const FINALIZE_RULES: SubresourceUpdateRules<Namespace> = {
  subresource: "finalize",
  prepareForUpdate(ns, old) {
    if (old.status === undefined) delete ns.status;
    else ns.status = structuredClone(old.status);
  },
  validateUpdate: (ns) => validateNamespaceFinalizeUpdate(ns),
};

/** A namespace is removed only when its spec.finalizers are empty too (upstream: ShouldDeleteNamespaceDuringUpdate). */
function namespaceFinalized(ns: Namespace): boolean {
  return (ns.spec?.finalizers ?? []).length === 0;
}

/** The namespaces resource: the registry store, with upstream's DELETE. */
export class NamespaceStorage extends ForwardingStorage<Namespace> {
  constructor(private readonly store: RegistryStore<Namespace>) {
    super(store);
  }

  override async delete(scope: RequestScope, name: string, opts: DeleteOptions): Promise<{ object: Namespace; deleted: boolean }> {
    const ns = await this.store.get(scope, name);
    const preconditions = checkPreconditions(ns.metadata, opts);

    if (!ns.metadata.deletionTimestamp) {
      const marked = await this.store.markDeleting(scope, name, opts, preconditions, (current) => {
        current.metadata.deletionTimestamp ??= now();
        current.status = { ...current.status, phase: NAMESPACE_TERMINATING };
      });
      return { object: marked, deleted: false };
    }
    // Content is still being removed: nothing to do yet.
    if (!namespaceFinalized(ns)) return { object: ns, deleted: false };
    return this.store.delete(scope, name, { ...opts, preconditions });
  }
}

/**
 * The options' preconditions checked against the namespace, worded as
 * upstream's namespace storage words them; the namespace's uid becomes a
 * precondition when none is given, so a namespace recreated meanwhile is
 * not the one deleted.
 */
function checkPreconditions(meta: ObjectMeta, opts: DeleteOptions): Preconditions {
  const name = meta.name ?? "";
  const uid = meta.uid ?? "";
  const given = opts.preconditions;
  if (given?.uid !== undefined && given.uid !== uid) {
    throw newConflict(NAMESPACES, name, `Precondition failed: UID in precondition: ${given.uid}, UID in object meta: ${uid}`);
  }
  const rv = meta.resourceVersion ?? "";
  if (given?.resourceVersion !== undefined && given.resourceVersion !== rv) {
    throw newConflict(
      NAMESPACES,
      name,
      `Precondition failed: ResourceVersion in precondition: ${given.resourceVersion}, ResourceVersion in object meta: ${rv}`,
    );
  }
  return { uid, ...(given?.resourceVersion !== undefined ? { resourceVersion: given.resourceVersion } : {}) };
}

/** PUT /api/v1/namespaces/{name}/finalize. A subresource never creates. */
function finalizeStorage(store: RegistryStore<Namespace>): CustomSubresourceStorage {
  return {
    update: (scope, name, objInfo) =>
      store.updateObject(scope, name, objInfo as UpdatedObjectInfo<Namespace>, { target: FINALIZE_RULES, allowCreate: false }),
  };
}

/** The namespaces resource with its `status` and `finalize` subresources, on the server's storage. */
export function namespaceStorage(factory: StorageFactory): ResourceStorage<Namespace> {
  // (The generic condition, finalizers empty and deletion requested, applies too.)
  const base = registryStoreFor(namespaceDefinition, factory, { shouldDeleteDuringUpdate: namespaceFinalized });
  return {
    main: new NamespaceStorage(base.main),
    ...(base.status ? { status: base.status } : {}),
    subresources: { finalize: finalizeStorage(base.main) },
  };
}
