// What the server fills in when a PersistentVolumeClaim is decoded (upstream:
// SetDefaults_PersistentVolumeClaim and SetDefaults_PersistentVolumeClaimSpec):
// volumeMode Filesystem and phase Pending.

import type { PersistentVolumeClaim } from "./schema.js";

export const PVC_PENDING = "Pending";

export function applyPersistentVolumeClaimDefaults(pvc: PersistentVolumeClaim): void {
  pvc.spec ??= {};
  pvc.spec.volumeMode ??= "Filesystem";
  if (!pvc.status?.phase) pvc.status = { ...pvc.status, phase: PVC_PENDING };
}
