// The serviceaccounts resource of core/v1, as the generic registry serves it.
//
// Not here yet: the `token` subresource (`kubectl create token`).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type ServiceAccount, ServiceAccountSchema } from "./schema.js";
import { serviceAccountStrategy } from "./strategy.js";
import { serviceAccountColumns } from "./table.js";

export const serviceAccountDefinition: ResourceDefinition<ServiceAccount> = {
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  resource: "serviceaccounts",
  singular: "serviceaccount",
  shortNames: ["sa"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ServiceAccountSchema,
  strategy: serviceAccountStrategy,
  tableColumns: serviceAccountColumns,
  // As upstream: a DELETE answers with the deleted account.
  deleteReturnsObject: true,
  description: "An identity for processes that run in pods.",
};
