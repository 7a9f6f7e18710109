// How PodDisruptionBudgets are written (upstream:
// pkg/registry/policy/poddisruptionbudget/strategy.go): the status starts
// with zero counts and generation at 1; the spec may change (bumping the
// generation) and the main resource keeps the status; /status keeps the spec.
// policy/v1 has no defaults (v1beta1 defaulted minAvailable to 1).

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import type { PodDisruptionBudget } from "./schema.js";
import { validatePodDisruptionBudget, validatePodDisruptionBudgetStatusUpdate } from "./validation.js";

export const podDisruptionBudgetStrategy: Strategy<PodDisruptionBudget> = {
  validateName: nameIsDNSSubdomain,

  prepareForCreate(pdb) {
    pdb.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },

  validate: validatePodDisruptionBudget,
  validateUpdate: validatePodDisruptionBudget,
  validateStatusUpdate: validatePodDisruptionBudgetStatusUpdate,
};
