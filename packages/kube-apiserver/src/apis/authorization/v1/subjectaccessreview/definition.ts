// The subjectaccessreviews resource of authorization.k8s.io/v1: create only,
// nothing stored (its storage is in storage.ts).

import type { ResourceDefinition } from "@tskube/generic-apiserver";
import { AUTHORIZATION_GROUP } from "../review/schema.js";
import { type SubjectAccessReview, SubjectAccessReviewSchema } from "./schema.js";

export const subjectAccessReviewDefinition: ResourceDefinition<SubjectAccessReview> = {
  group: AUTHORIZATION_GROUP,
  version: "v1",
  kind: "SubjectAccessReview",
  resource: "subjectaccessreviews",
  singular: "subjectaccessreview",
  namespaced: false,
  verbs: ["create"],
  schema: SubjectAccessReviewSchema,
  strategy: {},
  description: "Asks whether a user may perform an action.",
};
