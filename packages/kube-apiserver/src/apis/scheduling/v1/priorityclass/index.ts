export {
  PriorityClassSchema,
  PREEMPTION_POLICIES,
  HIGHEST_USER_DEFINABLE_PRIORITY,
  SYSTEM_CRITICAL_PRIORITY,
  SYSTEM_PRIORITY_CLASS_PREFIX,
  type PriorityClass,
} from "./schema.js";
export { applyPriorityClassDefaults } from "./defaults.js";
export { SYSTEM_PRIORITY_CLASSES, systemPriorityClassError, type SystemPriorityClass } from "./system.js";
export { validatePriorityClass, validatePriorityClassUpdate } from "./validation.js";
export { priorityClassStrategy } from "./strategy.js";
export { priorityClassColumns } from "./table.js";
export { priorityClassDefinition } from "./definition.js";
