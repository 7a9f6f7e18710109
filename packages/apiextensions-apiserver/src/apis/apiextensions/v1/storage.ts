// The storage of CustomResourceDefinitions (upstream: registry/
// customresourcedefinition/etcd.go): the generic registry store, with a
// DELETE that never removes a CRD while objects of its kind may exist.
//
//   DELETE, first time   deletionTimestamp set, finalizer
//                        customresourcecleanup.apiextensions.k8s.io added,
//                        condition Terminating=True (InstanceDeletionPending);
//                        200 with the CRD
//   the finalizer controller deletes every custom resource, then removes the finalizer
//   the CRD goes once its finalizers are empty (the generic update rule)

import { type DeleteOptions, isNotFound, now } from "@tskube/apimachinery";
import {
  ForwardingStorage,
  type ListParams,
  type ObjectList,
  type RegistryResourceStorage,
  type RegistryStore,
  type RequestScope,
  type ResourceStorage,
  type StorageFactory,
  createRegistryStore,
} from "@tskube/generic-apiserver";
import { customResourceDefinitionDefinition } from "./definition.js";
import { CUSTOM_RESOURCE_CLEANUP_FINALIZER, TERMINATING, setCondition } from "./helpers.js";
import type { CustomResourceDefinition } from "./schema.js";

export const CRD_RESOURCE_PREFIX = "/apiextensions.k8s.io/customresourcedefinitions";

export class CustomResourceDefinitionStorage extends ForwardingStorage<CustomResourceDefinition> {
  constructor(readonly store: RegistryStore<CustomResourceDefinition>) {
    super(store);
  }

  override async delete(scope: RequestScope, name: string, opts: DeleteOptions): Promise<{ object: CustomResourceDefinition; deleted: boolean }> {
    const crd = await this.store.get(scope, name);
    if (crd.metadata.deletionTimestamp) return this.store.delete(scope, name, opts);
    // The uid of the CRD we read, so that a CRD recreated meanwhile is not the one marked.
    const given = opts.preconditions;
    const preconditions = {
      uid: given?.uid ?? crd.metadata.uid ?? "",
      ...(given?.resourceVersion !== undefined ? { resourceVersion: given.resourceVersion } : {}),
    };
    const marked = await this.store.markDeleting(scope, name, opts, preconditions, (current) => {
      current.metadata.deletionTimestamp ??= now();
      const finalizers = (current.metadata.finalizers ??= []);
      if (!finalizers.includes(CUSTOM_RESOURCE_CLEANUP_FINALIZER)) finalizers.push(CUSTOM_RESOURCE_CLEANUP_FINALIZER);
      setCondition(current, {
        type: TERMINATING,
        status: "True",
        reason: "InstanceDeletionPending",
        message: "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
      });
    });
    return { object: marked, deleted: false };
  }

  /** Each CRD goes through delete() above, so that deleting them all still cleans up their objects. */
  override async deleteCollection(scope: RequestScope, opts: DeleteOptions, params: ListParams): Promise<ObjectList<CustomResourceDefinition>> {
    const list = await this.store.list(scope, params);
    for (const crd of list.items) {
      try {
        await this.delete(scope, crd.metadata.name ?? "", opts);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return list;
  }
}

/** The customresourcedefinitions resource with its status subresource, on the chain's storage. */
export function customResourceDefinitionStorage(factory: StorageFactory): ResourceStorage<CustomResourceDefinition> & {
  main: CustomResourceDefinitionStorage;
} {
  const base: RegistryResourceStorage<CustomResourceDefinition> = createRegistryStore(customResourceDefinitionDefinition, {
    storage: factory.storageFor<CustomResourceDefinition>(CRD_RESOURCE_PREFIX),
    resourcePrefix: CRD_RESOURCE_PREFIX,
    // No garbage collector runs: its finalizers would never be removed.
    garbageCollection: false,
  });
  return { main: new CustomResourceDefinitionStorage(base.main), ...(base.status ? { status: base.status } : {}) };
}
