export * from "./schema.js";
export * from "./defaults.js";
export { validatePodSpec, portNameErrors } from "./validation.js";
export { parseQuantity } from "./quantity.js";
