export {
  StorageClassSchema,
  TopologySelectorTermSchema,
  TopologySelectorLabelRequirementSchema,
  RECLAIM_POLICIES,
  VOLUME_BINDING_MODES,
  DEFAULT_CLASS_ANNOTATION,
  BETA_DEFAULT_CLASS_ANNOTATION,
  type StorageClass,
  type TopologySelectorTerm,
} from "./schema.js";
export { applyStorageClassDefaults } from "./defaults.js";
export { validateStorageClass, validateStorageClassUpdate } from "./validation.js";
export { storageClassStrategy } from "./strategy.js";
export { storageClassColumns, isDefaultClass } from "./table.js";
export { storageClassDefinition } from "./definition.js";
