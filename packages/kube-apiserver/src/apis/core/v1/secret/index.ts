export { SecretSchema, SECRET_TYPES, SECRET_TYPE_OPAQUE, type Secret } from "./schema.js";
export { applySecretDefaults, mergeStringData } from "./defaults.js";
export { validateSecret, validateSecretUpdate } from "./validation.js";
export { secretStrategy } from "./strategy.js";
export { secretDefinition } from "./definition.js";
