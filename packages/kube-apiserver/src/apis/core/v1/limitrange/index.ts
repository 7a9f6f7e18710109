export { LimitRangeSchema, LimitRangeSpecSchema, LimitRangeItemSchema, LIMIT_TYPES, type LimitRange, type LimitRangeItem } from "./schema.js";
export { applyLimitRangeDefaults } from "./defaults.js";
export { validateLimitRange } from "./validation.js";
export { limitRangeStrategy } from "./strategy.js";
export { limitRangeColumns } from "./table.js";
export { limitRangeDefinition } from "./definition.js";
