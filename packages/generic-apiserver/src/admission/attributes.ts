// What an admission plugin is told about a request (upstream:
// k8s.io/apiserver/pkg/admission Attributes): the operation, what it is
// about (kind, resource, subresource, namespace, name), the objects, the
// options, whether it is a dry run, and who asked.
//
// A mutating plugin changes `object` in place; everything else is read-only.

import type { KubeObject } from "@tskube/apimachinery";
import type { UserInfo } from "../authentication/user.js";
import type { GroupVersionKind } from "../discovery/types.js";

/** Upstream's admission.Operation. PATCH is an UPDATE; DELETE covers deletecollection. */
export type Operation = "CREATE" | "UPDATE" | "DELETE" | "CONNECT";

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/**
 * The options of the request, as a meta.k8s.io/v1 object: CreateOptions,
 * UpdateOptions (for PUT and PATCH, as upstream converts PatchOptions) or DeleteOptions.
 */
export interface OperationOptions {
  apiVersion: "meta.k8s.io/v1";
  kind: "CreateOptions" | "UpdateOptions" | "DeleteOptions";
  [field: string]: unknown;
}

export interface Attributes {
  operation: Operation;
  /** The kind of `object`: the resource's, or the subresource's (autoscaling/v1 Scale for `scale`). */
  kind: GroupVersionKind;
  resource: GroupVersionResource;
  /** "" for the main resource. */
  subresource: string;
  /** "" for cluster-scoped resources. */
  namespace: string;
  /** "" when the client lets the server generate it, and for deletecollection. */
  name: string;
  /** The new object (create, update); a mutating plugin may change it in place. Absent for deletes. */
  object?: KubeObject;
  /** The stored object (update, delete); absent for creates and for the first call of a delete. */
  oldObject?: KubeObject;
  /** dryRun=All: nothing will be stored, so a plugin must not cause side effects. */
  dryRun: boolean;
  options: OperationOptions;
  /** Who sent the request (absent for requests made without one, such as in-process writes). */
  user?: UserInfo;
}
