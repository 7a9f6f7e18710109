// The ingressclasses resource of networking.k8s.io/v1 (cluster-scoped), as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type IngressClass, IngressClassSchema } from "./schema.js";
import { ingressClassStrategy } from "./strategy.js";
import { ingressClassColumns } from "./table.js";

export const ingressClassDefinition: ResourceDefinition<IngressClass> = {
  group: "networking.k8s.io",
  version: "v1",
  kind: "IngressClass",
  resource: "ingressclasses",
  singular: "ingressclass",
  namespaced: false,
  verbs: ALL_VERBS,
  schema: IngressClassSchema,
  strategy: ingressClassStrategy,
  tableColumns: ingressClassColumns,
  description: "A kind of ingress, implemented by one controller.",
};
