// The persistentvolumeclaims resource of core/v1, as the generic registry serves it.
//
// Not here: binding claims to volumes and provisioning (the persistent
// volume controller), and the admission plugins that check resizes against
// the StorageClass and set the default class.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type PersistentVolumeClaim, PersistentVolumeClaimSchema } from "./schema.js";
import { persistentVolumeClaimStrategy } from "./strategy.js";
import { persistentVolumeClaimColumns } from "./table.js";

export const persistentVolumeClaimDefinition: ResourceDefinition<PersistentVolumeClaim> = {
  group: "",
  version: "v1",
  kind: "PersistentVolumeClaim",
  resource: "persistentvolumeclaims",
  singular: "persistentvolumeclaim",
  shortNames: ["pvc"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: PersistentVolumeClaimSchema,
  strategy: persistentVolumeClaimStrategy,
  tableColumns: persistentVolumeClaimColumns,
  subresources: { status: true },
  // Only metadata.name and metadata.namespace, as upstream's field label conversion allows.
  description: "A request for storage, bound to one PersistentVolume.",
};
