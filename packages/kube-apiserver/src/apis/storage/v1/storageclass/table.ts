// `kubectl get storageclasses`: NAME PROVISIONER RECLAIMPOLICY
// VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE (Age comes from the library).
// The default class's name is followed by " (default)", as upstream's printer does.

import type { TableColumn } from "@tskube/generic-apiserver";
import { BETA_DEFAULT_CLASS_ANNOTATION, DEFAULT_CLASS_ANNOTATION, type StorageClass } from "./schema.js";

/** Whether the class is annotated as the default one (with either annotation). */
export function isDefaultClass(sc: StorageClass): boolean {
  const annotations = sc.metadata.annotations ?? {};
  return annotations[DEFAULT_CLASS_ANNOTATION] === "true" || annotations[BETA_DEFAULT_CLASS_ANNOTATION] === "true";
}

export const storageClassColumns: TableColumn<StorageClass>[] = [
  {
    name: "Name",
    type: "string",
    format: "name",
    description: "The class's name; the default class is marked (default).",
    cell: (sc) => `${sc.metadata.name ?? ""}${isDefaultClass(sc) ? " (default)" : ""}`,
  },
  { name: "Provisioner", type: "string", description: "The provisioner that creates the class's volumes.", cell: (sc) => sc.provisioner ?? "" },
  {
    name: "ReclaimPolicy",
    type: "string",
    description: "What happens to a volume when its claim goes away.",
    cell: (sc) => sc.reclaimPolicy ?? "Delete",
  },
  {
    name: "VolumeBindingMode",
    type: "string",
    description: "When claims are bound and provisioned.",
    cell: (sc) => sc.volumeBindingMode ?? "Immediate",
  },
  {
    name: "AllowVolumeExpansion",
    type: "boolean",
    description: "Whether the class's volumes may be resized.",
    cell: (sc) => sc.allowVolumeExpansion ?? false,
  },
];
