export {
  ServiceSchema,
  ServiceSpecSchema,
  ServiceStatusSchema,
  ServicePortSchema,
  IntOrStringSchema,
  SERVICE_TYPES,
  PROTOCOLS,
  CLUSTER_IP_NONE,
  type Service,
  type ServiceSpec,
  type ServicePort,
} from "./schema.js";
export { applyServiceDefaults, mirrorClusterIP, normalizeClusterIPsOnUpdate } from "./defaults.js";
export { validateService, validateServiceUpdate, validateServiceStatusUpdate } from "./validation.js";
export { serviceStrategy } from "./strategy.js";
export { serviceColumns, formatLabels } from "./table.js";
export { serviceDefinition } from "./definition.js";
