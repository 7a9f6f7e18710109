// The poddisruptionbudgets resource of policy/v1, as the generic registry serves it.
//
// Not here: the disruption controller (nothing computes the status) and the
// pods/eviction subresource that consults budgets.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type PodDisruptionBudget, PodDisruptionBudgetSchema } from "./schema.js";
import { podDisruptionBudgetStrategy } from "./strategy.js";
import { podDisruptionBudgetColumns } from "./table.js";

export const podDisruptionBudgetDefinition: ResourceDefinition<PodDisruptionBudget> = {
  group: "policy",
  version: "v1",
  kind: "PodDisruptionBudget",
  resource: "poddisruptionbudgets",
  singular: "poddisruptionbudget",
  shortNames: ["pdb"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: PodDisruptionBudgetSchema,
  strategy: podDisruptionBudgetStrategy,
  tableColumns: podDisruptionBudgetColumns,
  subresources: { status: true },
  description: "How many pods of a set voluntary disruptions may take down at once.",
};
