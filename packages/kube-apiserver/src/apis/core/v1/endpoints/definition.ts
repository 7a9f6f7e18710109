// The endpoints resource of core/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Endpoints, EndpointsSchema } from "./schema.js";
import { endpointsStrategy } from "./strategy.js";
import { endpointsColumns } from "./table.js";

export const endpointsDefinition: ResourceDefinition<Endpoints> = {
  group: "",
  version: "v1",
  kind: "Endpoints",
  listKind: "EndpointsList",
  resource: "endpoints",
  singular: "endpoints",
  shortNames: ["ep"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: EndpointsSchema,
  strategy: endpointsStrategy,
  tableColumns: endpointsColumns,
  description: "The addresses and ports behind a service.",
};
