// While its CRD is being deleted, a custom resource refuses new objects
// (upstream's crdHandler: 405 `create not allowed while custom resource
// definition is terminating`); everything else still works, so that
// controllers can remove their finalizers and the cleanup can delete.

import { type DeleteOptions, type KubeObject, StatusError, newMethodNotSupported } from "@tskube/apimachinery";
import type { ListParams, ObjectList, RESTStorage, RequestScope, UpdatedObjectInfo } from "@tskube/generic-apiserver";
import type { Watch } from "@tskube/storage";

export class TerminatingStorage implements RESTStorage<KubeObject> {
  constructor(private readonly inner: RESTStorage<KubeObject>) {}

  get definition() {
    return this.inner.definition;
  }

  create(): Promise<KubeObject> {
    const def = this.inner.definition;
    const { code, reason, details } = newMethodNotSupported({ group: def.group, resource: def.resource }, "create").status;
    const message = "create not allowed while custom resource definition is terminating";
    return Promise.reject(new StatusError({ code, message, ...(reason ? { reason } : {}), ...(details ? { details } : {}) }));
  }

  get(scope: RequestScope, name: string, opts?: { resourceVersion?: string }): Promise<KubeObject> {
    return this.inner.get(scope, name, opts);
  }

  list(scope: RequestScope, params: ListParams): Promise<ObjectList<KubeObject>> {
    return this.inner.list(scope, params);
  }

  watch(scope: RequestScope, params: ListParams): Promise<Watch<KubeObject>> {
    return this.inner.watch(scope, params);
  }

  update(
    scope: RequestScope,
    name: string,
    objInfo: UpdatedObjectInfo<KubeObject>,
    opts?: { forceAllowCreate?: boolean },
  ): Promise<{ object: KubeObject; created: boolean }> {
    return this.inner.update(scope, name, objInfo, opts);
  }

  delete(scope: RequestScope, name: string, opts: DeleteOptions): Promise<{ object: KubeObject; deleted: boolean }> {
    return this.inner.delete(scope, name, opts);
  }

  deleteCollection(scope: RequestScope, opts: DeleteOptions, params: ListParams): Promise<ObjectList<KubeObject>> {
    return this.inner.deleteCollection(scope, opts, params);
  }
}
