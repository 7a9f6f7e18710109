export {
  PodDisruptionBudgetSchema,
  PodDisruptionBudgetSpecSchema,
  PodDisruptionBudgetStatusSchema,
  UNHEALTHY_POD_EVICTION_POLICIES,
  type PodDisruptionBudget,
  type PodDisruptionBudgetSpec,
  type PodDisruptionBudgetStatus,
} from "./schema.js";
export { validatePodDisruptionBudget, validatePodDisruptionBudgetStatusUpdate } from "./validation.js";
export { podDisruptionBudgetStrategy } from "./strategy.js";
export { podDisruptionBudgetColumns } from "./table.js";
export { podDisruptionBudgetDefinition } from "./definition.js";
