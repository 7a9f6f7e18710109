// The endpointslices resource of discovery.k8s.io/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type EndpointSlice, EndpointSliceSchema } from "./schema.js";
import { endpointSliceStrategy } from "./strategy.js";
import { endpointSliceColumns } from "./table.js";

export const endpointSliceDefinition: ResourceDefinition<EndpointSlice> = {
  group: "discovery.k8s.io",
  version: "v1",
  kind: "EndpointSlice",
  resource: "endpointslices",
  singular: "endpointslice",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: EndpointSliceSchema,
  strategy: endpointSliceStrategy,
  tableColumns: endpointSliceColumns,
  description: "A subset of the endpoints behind a service.",
};
