// How PersistentVolumes are written (upstream:
// pkg/registry/core/persistentvolume/strategy.go):
//
// - create: status is reset to phase Pending, with lastPhaseTransitionTime now;
// - update of the main resource: status is kept (the library does), and the
//   spec may change only as validation.ts allows;
// - /status: the spec is kept, and lastPhaseTransitionTime moves to now when
//   the phase changes (unless the writer set a new time itself);
// - volumeAttributesClassName is dropped unless already set: the
//   VolumeAttributesClass feature is off by default in v1.32;
// - no metadata.generation.

import { nameIsDNSSubdomain, now } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { PV_PENDING, applyPersistentVolumeDefaults } from "./defaults.js";
import type { PersistentVolume, PersistentVolumeSpec } from "./schema.js";
import { validatePersistentVolume, validatePersistentVolumeUpdate } from "./validation.js";

function dropVolumeAttributesClass(spec: PersistentVolumeSpec | undefined, old: PersistentVolumeSpec | undefined): void {
  if (spec !== undefined && old?.volumeAttributesClassName === undefined) delete spec.volumeAttributesClassName;
}

export const persistentVolumeStrategy: Strategy<PersistentVolume> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyPersistentVolumeDefaults,

  prepareForCreate(pv) {
    pv.status = { phase: PV_PENDING, lastPhaseTransitionTime: now() };
    dropVolumeAttributesClass(pv.spec, undefined);
  },
  prepareForUpdate(pv, old) {
    dropVolumeAttributesClass(pv.spec, old.spec);
  },
  prepareForStatusUpdate(pv, old) {
    const status = (pv.status ??= {});
    const oldStatus = old.status ?? {};
    if (status.phase === oldStatus.phase) {
      status.lastPhaseTransitionTime ??= oldStatus.lastPhaseTransitionTime;
    } else if (status.lastPhaseTransitionTime === undefined || status.lastPhaseTransitionTime === oldStatus.lastPhaseTransitionTime) {
      status.lastPhaseTransitionTime = now();
    }
    if (status.lastPhaseTransitionTime === undefined) delete status.lastPhaseTransitionTime;
  },

  validate: validatePersistentVolume,
  validateUpdate: validatePersistentVolumeUpdate,
  // A status write changes nothing that needs checking beyond metadata.
  validateStatusUpdate: () => [],

  canonicalize: dropGeneration,
};
