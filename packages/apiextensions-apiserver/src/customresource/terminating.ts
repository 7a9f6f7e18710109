// While its CRD is being deleted, a custom resource refuses new objects
// (upstream's crdHandler: 405 `create not allowed while custom resource
// definition is terminating`); everything else still works, so that
// controllers can remove their finalizers and the cleanup can delete.

import { type KubeObject, StatusError, newMethodNotSupported } from "@tskube/apimachinery";
import { ForwardingStorage } from "@tskube/generic-apiserver";

export class TerminatingStorage extends ForwardingStorage<KubeObject> {
  override create(): Promise<KubeObject> {
    const def = this.definition;
    const { code, reason, details } = newMethodNotSupported({ group: def.group, resource: def.resource }, "create").status;
    const message = "create not allowed while custom resource definition is terminating";
    return Promise.reject(new StatusError({ code, message, ...(reason ? { reason } : {}), ...(details ? { details } : {}) }));
  }
}
