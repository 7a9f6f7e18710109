// What the server fills in for a StorageClass (upstream: SetDefaults_StorageClass):
// reclaimPolicy Delete and volumeBindingMode Immediate; provisioner, always
// serialized, is "" when missing.

import type { StorageClass } from "./schema.js";

export function applyStorageClassDefaults(sc: StorageClass): void {
  sc.provisioner ??= "";
  sc.reclaimPolicy ??= "Delete";
  sc.volumeBindingMode ??= "Immediate";
}
