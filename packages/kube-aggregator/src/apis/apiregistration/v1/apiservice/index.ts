export * from "./schema.js";
export { applyAPIServiceDefaults, DEFAULT_SERVICE_PORT } from "./defaults.js";
export { apiServiceName, validateAPIServiceName, validateAPIServiceSpec, validateAPIServiceStatus } from "./validation.js";
export { apiServiceStrategy } from "./strategy.js";
export { availableCell, serviceCell } from "./table.js";
export { apiServiceDefinition } from "./definition.js";
export { apiServiceCondition, hasAPIServiceCondition, isAPIServiceAvailable, withAPIServiceCondition } from "./conditions.js";
