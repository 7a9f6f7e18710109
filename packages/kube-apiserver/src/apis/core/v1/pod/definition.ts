// The pods resource of core/v1, as the generic registry serves it.
//
// Not here yet: the binding, eviction, ephemeralcontainers, resize, log,
// exec, attach and portforward subresources, and graceful deletion (a DELETE
// removes the pod at once instead of setting deletionTimestamp for the kubelet).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Pod, PodSchema } from "./schema.js";
import { podStrategy } from "./strategy.js";
import { podColumns } from "./table.js";

export const podDefinition: ResourceDefinition<Pod> = {
  group: "",
  version: "v1",
  kind: "Pod",
  resource: "pods",
  singular: "pod",
  shortNames: ["po"],
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: PodSchema,
  strategy: podStrategy,
  tableColumns: podColumns,
  subresources: { status: true },
  // upstream: PodToSelectableFields
  selectableFields: {
    "spec.nodeName": (p) => p.spec?.nodeName ?? "",
    "spec.restartPolicy": (p) => p.spec?.restartPolicy ?? "",
    "spec.schedulerName": (p) => p.spec?.schedulerName ?? "",
    "spec.serviceAccountName": (p) => p.spec?.serviceAccountName ?? "",
    "spec.hostNetwork": (p) => String(p.spec?.hostNetwork ?? false),
    "status.phase": (p) => p.status?.phase ?? "",
    "status.podIP": (p) => p.status?.podIPs?.[0]?.ip ?? p.status?.podIP ?? "",
    "status.nominatedNodeName": (p) => p.status?.nominatedNodeName ?? "",
  },
  // As upstream: a DELETE answers with the pod.
  deleteReturnsObject: true,
  description: "Containers that run together on one node.",
};
