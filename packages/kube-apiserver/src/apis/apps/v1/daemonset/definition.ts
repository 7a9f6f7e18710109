// The daemonsets resource of apps/v1, as the generic registry serves it,
// with its status subresource (DaemonSets have no scale). Not here: the
// daemonset controller (nothing creates the pods or fills in the status).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type DaemonSet, DaemonSetSchema } from "./schema.js";
import { daemonSetStrategy } from "./strategy.js";
import { daemonSetColumns } from "./table.js";

export const daemonSetDefinition: ResourceDefinition<DaemonSet> = {
  group: "apps",
  version: "v1",
  kind: "DaemonSet",
  resource: "daemonsets",
  singular: "daemonset",
  shortNames: ["ds"],
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: DaemonSetSchema,
  strategy: daemonSetStrategy,
  tableColumns: daemonSetColumns,
  subresources: { status: true },
  description: "Runs one copy of a pod on each eligible node.",
};
