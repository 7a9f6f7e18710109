// The tokenreviews resource of authentication.k8s.io/v1: create only, never stored.

import type { ResourceDefinition } from "@tskube/generic-apiserver";
import { type TokenReview, TokenReviewSchema } from "./schema.js";

export const tokenReviewDefinition: ResourceDefinition<TokenReview> = {
  group: "authentication.k8s.io",
  version: "v1",
  kind: "TokenReview",
  resource: "tokenreviews",
  singular: "tokenreview",
  namespaced: false,
  verbs: ["create"],
  schema: TokenReviewSchema,
  strategy: {},
  description: "Asks which user a token authenticates as.",
};
