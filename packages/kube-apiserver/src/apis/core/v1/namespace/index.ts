export {
  NamespaceSchema,
  NamespaceSpecSchema,
  NamespaceStatusSchema,
  NamespaceConditionSchema,
  NAMESPACE_ACTIVE,
  NAMESPACE_TERMINATING,
  NAMESPACE_PHASES,
  FINALIZER_KUBERNETES,
  LABEL_METADATA_NAME,
  type Namespace,
  type NamespaceStatus,
} from "./schema.js";
export { applyNamespaceDefaults } from "./defaults.js";
export { validateNamespace, validateNamespaceStatusUpdate, validateNamespaceFinalizeUpdate } from "./validation.js";
export { namespaceStrategy } from "./strategy.js";
export { namespaceDefinition } from "./definition.js";
export { namespaceStorage, NamespaceStorage } from "./storage.js";
