export * from "./schema.js";
export * from "./defaults.js";
export { validatePodSpec, validatePodTemplateSpec, portNameErrors } from "./validation.js";
export { parseQuantity, INVALID_QUANTITY_MESSAGE } from "./quantity.js";
export { containerCells } from "./table.js";
