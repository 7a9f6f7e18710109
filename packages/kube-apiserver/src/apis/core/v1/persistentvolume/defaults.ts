// What the server fills in when a PersistentVolume is decoded (upstream:
// SetDefaults_PersistentVolume, SetDefaults_PersistentVolumeSpec and the
// defaulters of the volume sources in pkg/apis/core/v1/defaults.go).

import { applySourceDefaults } from "../pod-spec/defaults.js";
import type { PersistentVolume } from "./schema.js";

export const DEFAULT_RECLAIM_POLICY = "Retain";
export const DEFAULT_VOLUME_MODE = "Filesystem";
export const PV_PENDING = "Pending";

export function applyPersistentVolumeDefaults(pv: PersistentVolume): void {
  pv.spec ??= {};
  const spec = pv.spec;
  spec.persistentVolumeReclaimPolicy ||= DEFAULT_RECLAIM_POLICY;
  spec.volumeMode ??= DEFAULT_VOLUME_MODE;
  if (!pv.status?.phase) pv.status = { ...pv.status, phase: PV_PENDING };

  applySourceDefaults(spec);
}
