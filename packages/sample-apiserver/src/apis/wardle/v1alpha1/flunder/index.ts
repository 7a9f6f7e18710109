export * from "./schema.js";
export { applyFlunderDefaults } from "./defaults.js";
export { validateFlunder } from "./validation.js";
export { flunderStrategy } from "./strategy.js";
export { flunderDefinition } from "./definition.js";
