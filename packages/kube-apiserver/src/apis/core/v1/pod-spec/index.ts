export * from "./schema.js";
export * from "./defaults.js";
export { validatePodSpec, validateNonNegative, portNameErrors } from "./validation.js";
export { applyPodTemplateSpecDefaults, validatePodTemplateSpec } from "./template.js";
export { parseQuantity } from "./quantity.js";
export { containerCells } from "./table.js";
