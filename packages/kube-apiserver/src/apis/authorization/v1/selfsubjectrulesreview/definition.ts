// The selfsubjectrulesreviews resource of authorization.k8s.io/v1: create
// only, nothing stored (its storage is in storage.ts).

import type { ResourceDefinition } from "@tskube/generic-apiserver";
import { AUTHORIZATION_GROUP } from "../review/schema.js";
import { type SelfSubjectRulesReview, SelfSubjectRulesReviewSchema } from "./schema.js";

export const selfSubjectRulesReviewDefinition: ResourceDefinition<SelfSubjectRulesReview> = {
  group: AUTHORIZATION_GROUP,
  version: "v1",
  kind: "SelfSubjectRulesReview",
  resource: "selfsubjectrulesreviews",
  singular: "selfsubjectrulesreview",
  namespaced: false,
  verbs: ["create"],
  schema: SelfSubjectRulesReviewSchema,
  strategy: {},
  description: "Lists what the requesting user may do in a namespace.",
};
