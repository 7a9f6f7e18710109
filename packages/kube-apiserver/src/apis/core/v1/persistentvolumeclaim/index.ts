export {
  PersistentVolumeClaimSchema,
  PersistentVolumeClaimStatusSchema,
  PVC_PHASES,
  type PersistentVolumeClaim,
  type PersistentVolumeClaimSpec,
  type PersistentVolumeClaimStatus,
} from "./schema.js";
export { applyPersistentVolumeClaimDefaults } from "./defaults.js";
export {
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimSpec,
  validatePersistentVolumeClaimUpdate,
  validatePersistentVolumeClaimStatusUpdate,
} from "./validation.js";
export { persistentVolumeClaimStrategy } from "./strategy.js";
export { persistentVolumeClaimColumns } from "./table.js";
export { persistentVolumeClaimDefinition } from "./definition.js";
