export * from "./schema.js";
export * from "./defaults.js";
export { validatePodSpec, validatePodTemplateSpec, portNameErrors } from "./validation.js";
export { containerCells } from "./table.js";
export { parseQuantity } from "./quantity.js";
