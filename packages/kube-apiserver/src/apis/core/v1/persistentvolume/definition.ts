// The persistentvolumes resource of core/v1, as the generic registry serves it.
//
// Not here: binding volumes to claims (the persistent volume controller of
// kube-controller-manager does that, writing spec.claimRef and status).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type PersistentVolume, PersistentVolumeSchema } from "./schema.js";
import { persistentVolumeStrategy } from "./strategy.js";
import { persistentVolumeColumns } from "./table.js";

export const persistentVolumeDefinition: ResourceDefinition<PersistentVolume> = {
  group: "",
  version: "v1",
  kind: "PersistentVolume",
  resource: "persistentvolumes",
  singular: "persistentvolume",
  shortNames: ["pv"],
  namespaced: false,
  verbs: ALL_VERBS,
  schema: PersistentVolumeSchema,
  strategy: persistentVolumeStrategy,
  tableColumns: persistentVolumeColumns,
  subresources: { status: true },
  // Only metadata.name, as upstream's field label conversion allows.
  description: "A piece of storage of the cluster, bound by at most one claim.",
};
