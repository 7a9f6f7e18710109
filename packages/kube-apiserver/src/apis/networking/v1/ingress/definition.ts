// The ingresses resource of networking.k8s.io/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Ingress, IngressSchema } from "./schema.js";
import { ingressStrategy } from "./strategy.js";
import { ingressColumns } from "./table.js";

export const ingressDefinition: ResourceDefinition<Ingress> = {
  group: "networking.k8s.io",
  version: "v1",
  kind: "Ingress",
  resource: "ingresses",
  singular: "ingress",
  shortNames: ["ing"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: IngressSchema,
  strategy: ingressStrategy,
  tableColumns: ingressColumns,
  subresources: { status: true },
  description: "Rules that route outside HTTP(S) traffic to services by host name and path.",
};
