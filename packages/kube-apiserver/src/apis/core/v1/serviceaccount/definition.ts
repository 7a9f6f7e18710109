// The serviceaccounts resource of core/v1, as the generic registry serves
// it, with the `token` subresource (`kubectl create token`): POST only, of
// kind authentication.k8s.io/v1 TokenRequest, served by token.ts. A server
// that issues no tokens leaves it out (see serviceAccountDefinitionWithoutTokens).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { TOKEN_REQUEST_KIND } from "../../../authentication/v1/tokenrequest/schema.js";
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
  subresources: { custom: { token: { verbs: ["create"], kind: TOKEN_REQUEST_KIND } } },
  // As upstream: a DELETE answers with the deleted account.
  deleteReturnsObject: true,
  description: "An identity for processes that run in pods.",
};

/** The resource as a server without a token issuer serves it: no `token` subresource, as upstream. */
export const serviceAccountDefinitionWithoutTokens: ResourceDefinition<ServiceAccount> = {
  ...serviceAccountDefinition,
  subresources: {},
};
