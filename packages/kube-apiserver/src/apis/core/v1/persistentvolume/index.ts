export {
  PersistentVolumeSchema,
  PersistentVolumeSpecSchema,
  PersistentVolumeStatusSchema,
  PV_SOURCE_FIELDS,
  PV_PHASES,
  RECLAIM_POLICIES,
  type PersistentVolume,
  type PersistentVolumeSpec,
  type PersistentVolumeStatus,
} from "./schema.js";
export { applyPersistentVolumeDefaults } from "./defaults.js";
export { validatePersistentVolume, validatePersistentVolumeSpec, validatePersistentVolumeUpdate } from "./validation.js";
export { persistentVolumeStrategy } from "./strategy.js";
export { persistentVolumeColumns, accessModesString, storageClassOf } from "./table.js";
export { persistentVolumeDefinition } from "./definition.js";
