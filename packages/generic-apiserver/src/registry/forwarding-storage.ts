// A RESTStorage that hands every call to another one: the base of a kind's
// own REST storage that changes one or two verbs of the generic registry
// store (upstream: a REST struct embedding *registry.Store and overriding
// Delete, say). Subclasses override what differs.
//
//   class CRDStorage extends ForwardingStorage<CRD> {
//     override async delete(scope, name, opts) { ... mark it, or call super.delete ... }
//   }

import type { DeleteOptions, KubeObject } from "@tskube/apimachinery";
import type { Watch } from "@tskube/storage";
import type { ResourceDefinition } from "./resource.js";
import type { ListParams, ObjectList, RESTStorage, RequestScope, UpdatedObjectInfo } from "./rest-storage.js";

export class ForwardingStorage<T extends KubeObject> implements RESTStorage<T> {
  constructor(protected readonly inner: RESTStorage<T>) {}

  get definition(): ResourceDefinition<T> {
    return this.inner.definition;
  }

  get(scope: RequestScope, name: string, opts?: { resourceVersion?: string }): Promise<T> {
    return this.inner.get(scope, name, opts);
  }

  list(scope: RequestScope, params: ListParams): Promise<ObjectList<T>> {
    return this.inner.list(scope, params);
  }

  watch(scope: RequestScope, params: ListParams): Promise<Watch<T>> {
    return this.inner.watch(scope, params);
  }

  create(scope: RequestScope, obj: T): Promise<T> {
    return this.inner.create(scope, obj);
  }

  update(
    scope: RequestScope,
    name: string,
    objInfo: UpdatedObjectInfo<T>,
    opts?: { forceAllowCreate?: boolean },
  ): Promise<{ object: T; created: boolean }> {
    return this.inner.update(scope, name, objInfo, opts);
  }

  delete(scope: RequestScope, name: string, opts: DeleteOptions): Promise<{ object: T; deleted: boolean }> {
    return this.inner.delete(scope, name, opts);
  }

  deleteCollection(scope: RequestScope, opts: DeleteOptions, params: ListParams): Promise<ObjectList<T>> {
    return this.inner.deleteCollection(scope, opts, params);
  }
}
