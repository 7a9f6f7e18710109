// The selfsubjectaccessreviews resource of authorization.k8s.io/v1: create
// only, nothing stored (its storage is in storage.ts).

import type { ResourceDefinition } from "@tskube/generic-apiserver";
import { AUTHORIZATION_GROUP } from "../review/schema.js";
import { type SelfSubjectAccessReview, SelfSubjectAccessReviewSchema } from "./schema.js";

export const selfSubjectAccessReviewDefinition: ResourceDefinition<SelfSubjectAccessReview> = {
  group: AUTHORIZATION_GROUP,
  version: "v1",
  kind: "SelfSubjectAccessReview",
  resource: "selfsubjectaccessreviews",
  singular: "selfsubjectaccessreview",
  namespaced: false,
  verbs: ["create"],
  schema: SelfSubjectAccessReviewSchema,
  strategy: {},
  description: "Asks whether the requesting user may perform an action.",
};
