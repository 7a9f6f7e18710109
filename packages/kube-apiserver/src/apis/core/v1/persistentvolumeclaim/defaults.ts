// What the server fills in when a PersistentVolumeClaim is decoded, on its own
// or as a StatefulSet volumeClaimTemplate (upstream:
// SetDefaults_PersistentVolumeClaim and SetDefaults_PersistentVolumeClaimSpec):
// volumeMode Filesystem and phase Pending.

import { applyPersistentVolumeClaimSpecDefaults } from "../pod-spec/defaults.js";
import type { PersistentVolumeClaim } from "./schema.js";

export const PVC_PENDING = "Pending";

export function applyPersistentVolumeClaimDefaults(pvc: PersistentVolumeClaim): void {
  pvc.spec ??= {};
  applyPersistentVolumeClaimSpecDefaults(pvc.spec);
  if (!pvc.status?.phase) pvc.status = { ...pvc.status, phase: PVC_PENDING };
}
