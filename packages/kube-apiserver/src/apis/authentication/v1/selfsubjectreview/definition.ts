// The selfsubjectreviews resource of authentication.k8s.io/v1: create only, never stored.

import type { ResourceDefinition } from "@tskube/generic-apiserver";
import { type SelfSubjectReview, SelfSubjectReviewSchema } from "./schema.js";

export const selfSubjectReviewDefinition: ResourceDefinition<SelfSubjectReview> = {
  group: "authentication.k8s.io",
  version: "v1",
  kind: "SelfSubjectReview",
  resource: "selfsubjectreviews",
  singular: "selfsubjectreview",
  namespaced: false,
  verbs: ["create"],
  schema: SelfSubjectReviewSchema,
  strategy: {},
  description: "Asks which user the caller is authenticated as.",
};
