// The nodes resource of core/v1, as the generic registry serves it.
//
// Not here yet: the proxy subresource (nodes/proxy, which reaches the kubelet).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Node, NodeSchema } from "./schema.js";
import { nodeStrategy } from "./strategy.js";
import { nodeColumns } from "./table.js";

export const nodeDefinition: ResourceDefinition<Node> = {
  group: "",
  version: "v1",
  kind: "Node",
  resource: "nodes",
  singular: "node",
  shortNames: ["no"],
  namespaced: false,
  verbs: ALL_VERBS,
  schema: NodeSchema,
  strategy: nodeStrategy,
  tableColumns: nodeColumns,
  subresources: { status: true },
  // upstream: NodeToSelectableFields
  selectableFields: {
    "spec.unschedulable": (n) => String(n.spec?.unschedulable ?? false),
  },
  description: "A machine of the cluster that runs pods.",
};
