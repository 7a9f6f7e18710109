// The priorityclasses resource of scheduling.k8s.io/v1 (cluster-scoped), as
// the generic registry serves it.
//
// Not here: the Priority admission plugin (only one globalDefault class,
// pods' priority filled in from their class); admission is not implemented yet.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type PriorityClass, PriorityClassSchema } from "./schema.js";
import { priorityClassStrategy } from "./strategy.js";
import { priorityClassColumns } from "./table.js";

export const priorityClassDefinition: ResourceDefinition<PriorityClass> = {
  group: "scheduling.k8s.io",
  version: "v1",
  kind: "PriorityClass",
  resource: "priorityclasses",
  singular: "priorityclass",
  shortNames: ["pc"],
  namespaced: false,
  verbs: ALL_VERBS,
  schema: PriorityClassSchema,
  strategy: priorityClassStrategy,
  tableColumns: priorityClassColumns,
  description: "A named pod priority value.",
};
