// The apiservices resource of apiregistration.k8s.io/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type APIService, APIServiceSchema } from "./schema.js";
import { apiServiceStrategy } from "./strategy.js";
import { apiServiceColumns } from "./table.js";

export const apiServiceDefinition: ResourceDefinition<APIService> = {
  group: "apiregistration.k8s.io",
  version: "v1",
  kind: "APIService",
  resource: "apiservices",
  singular: "apiservice",
  namespaced: false,
  verbs: ALL_VERBS,
  schema: APIServiceSchema,
  strategy: apiServiceStrategy,
  tableColumns: apiServiceColumns,
  subresources: { status: true },
  description: "Which server serves an API group/version: this one, or one behind a Service.",
};
