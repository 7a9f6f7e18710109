// `kubectl get persistentvolumes`: NAME CAPACITY ACCESS MODES RECLAIM POLICY
// STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, and VOLUMEMODE
// with -o wide (upstream: printPersistentVolume). The access-mode and
// storage-class helpers are shared with PersistentVolumeClaims.

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { PersistentVolume } from "./schema.js";

/** The annotation that named a volume's or claim's class before storageClassName existed; it still wins. */
export const BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

const ACCESS_MODE_ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

/** Access modes as kubectl abbreviates them (RWO,ROX,RWX,RWOP), in that order, each once. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_MODE_ABBREVIATIONS.filter(([mode]) => set.has(mode)).map(([, short]) => short).join(",");
}

/** The class of a volume or claim: the beta annotation if present, else storageClassName. */
export function storageClassOf(obj: { metadata: { annotations?: Record<string, string> | undefined } }, className: string | undefined): string {
  return obj.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? className ?? "";
}

export const UNSET = "<unset>";

export const persistentVolumeColumns: TableColumn<PersistentVolume>[] = [
  // A missing storage amount prints as a zero quantity does.
  { name: "Capacity", type: "string", description: "The volume's storage capacity.", cell: (pv) => pv.spec?.capacity?.storage ?? "0" },
  { name: "Access Modes", type: "string", description: "How the volume can be mounted.", cell: (pv) => accessModesString(pv.spec?.accessModes) },
  { name: "Reclaim Policy", type: "string", description: "What happens to the volume when its claim is deleted.", cell: (pv) => pv.spec?.persistentVolumeReclaimPolicy ?? "" },
  {
    name: "Status",
    type: "string",
    description: "The volume's phase, or Terminating once deletion has started.",
    cell: (pv) => (pv.metadata.deletionTimestamp ? "Terminating" : (pv.status?.phase ?? "")),
  },
  {
    name: "Claim",
    type: "string",
    description: "The claim the volume is bound to, as namespace/name.",
    cell: (pv) => (pv.spec?.claimRef ? `${pv.spec.claimRef.namespace ?? ""}/${pv.spec.claimRef.name ?? ""}` : ""),
  },
  { name: "StorageClass", type: "string", description: "The StorageClass the volume belongs to.", cell: (pv) => storageClassOf(pv, pv.spec?.storageClassName) },
  { name: "VolumeAttributesClass", type: "string", description: "The VolumeAttributesClass of the volume.", cell: (pv) => pv.spec?.volumeAttributesClassName ?? UNSET },
  { name: "Reason", type: "string", description: "Why the volume is in its phase.", cell: (pv) => pv.status?.reason ?? "" },
  { name: "Age", type: "string", description: "How long ago the volume was created.", cell: (pv) => translateTimestampSince(pv.metadata.creationTimestamp) },
  { name: "VolumeMode", type: "string", priority: 1, description: "Filesystem or Block.", cell: (pv) => pv.spec?.volumeMode ?? UNSET },
];
