// The replicasets resource of apps/v1, as the generic registry serves it,
// with its status and scale subresources. Not here: the replicaset
// controller (nothing creates the pods or fills in the status).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { replicasScale } from "../workload/scale.js";
import { type ReplicaSet, ReplicaSetSchema } from "./schema.js";
import { replicaSetStrategy } from "./strategy.js";
import { replicaSetColumns } from "./table.js";

export const replicaSetDefinition: ResourceDefinition<ReplicaSet> = {
  group: "apps",
  version: "v1",
  kind: "ReplicaSet",
  resource: "replicasets",
  singular: "replicaset",
  shortNames: ["rs"],
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ReplicaSetSchema,
  strategy: replicaSetStrategy,
  tableColumns: replicaSetColumns,
  subresources: { status: true, scale: replicasScale<ReplicaSet>() },
  // upstream: ReplicaSetToSelectableFields
  selectableFields: { "status.replicas": (rs) => String(rs.status?.replicas ?? 0) },
  description: "Keeps a given number of identical pods running.",
};
