// `kubectl get persistentvolumeclaims`: NAME STATUS VOLUME CAPACITY ACCESS
// MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, and VOLUMEMODE with -o wide
// (upstream: printPersistentVolumeClaim). Capacity and access modes are the
// bound volume's, so they stay empty until the claim has a volume.

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import { UNSET, accessModesString, storageClassOf } from "../persistentvolume/table.js";
import type { PersistentVolumeClaim } from "./schema.js";

const bound = (pvc: PersistentVolumeClaim): boolean => (pvc.spec?.volumeName ?? "") !== "";

export const persistentVolumeClaimColumns: TableColumn<PersistentVolumeClaim>[] = [
  {
    name: "Status",
    type: "string",
    description: "The claim's phase, or Terminating once deletion has started.",
    cell: (pvc) => (pvc.metadata.deletionTimestamp ? "Terminating" : (pvc.status?.phase ?? "")),
  },
  { name: "Volume", type: "string", description: "The volume the claim is bound to.", cell: (pvc) => pvc.spec?.volumeName ?? "" },
  {
    name: "Capacity",
    type: "string",
    description: "The bound volume's storage capacity.",
    cell: (pvc) => (bound(pvc) ? (pvc.status?.capacity?.storage ?? "0") : ""),
  },
  {
    name: "Access Modes",
    type: "string",
    description: "How the bound volume can be mounted.",
    cell: (pvc) => (bound(pvc) ? accessModesString(pvc.status?.accessModes) : ""),
  },
  { name: "StorageClass", type: "string", description: "The StorageClass the claim asks for.", cell: (pvc) => storageClassOf(pvc, pvc.spec?.storageClassName) },
  { name: "VolumeAttributesClass", type: "string", description: "The VolumeAttributesClass the claim asks for.", cell: (pvc) => pvc.spec?.volumeAttributesClassName ?? UNSET },
  { name: "Age", type: "string", description: "How long ago the claim was created.", cell: (pvc) => translateTimestampSince(pvc.metadata.creationTimestamp) },
  { name: "VolumeMode", type: "string", priority: 1, description: "Filesystem or Block.", cell: (pvc) => pvc.spec?.volumeMode ?? UNSET },
];
