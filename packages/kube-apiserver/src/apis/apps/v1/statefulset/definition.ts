// The statefulsets resource of apps/v1, as the generic registry serves it,
// with its status and scale subresources. Not here: the statefulset
// controller (nothing creates the pods, claims or ControllerRevisions).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { replicasScale } from "../workload/scale.js";
import { type StatefulSet, StatefulSetSchema } from "./schema.js";
import { statefulSetStrategy } from "./strategy.js";
import { statefulSetColumns } from "./table.js";

export const statefulSetDefinition: ResourceDefinition<StatefulSet> = {
  group: "apps",
  version: "v1",
  kind: "StatefulSet",
  resource: "statefulsets",
  singular: "statefulset",
  shortNames: ["sts"],
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: StatefulSetSchema,
  strategy: statefulSetStrategy,
  tableColumns: statefulSetColumns,
  subresources: { status: true, scale: replicasScale<StatefulSet>() },
  description: "Pods with stable names and storage, created, updated and removed in order.",
};
