// The localsubjectaccessreviews resource of authorization.k8s.io/v1
// (namespaced): create only, nothing stored (its storage is in storage.ts).

import type { ResourceDefinition } from "@tskube/generic-apiserver";
import { AUTHORIZATION_GROUP } from "../review/schema.js";
import { type LocalSubjectAccessReview, LocalSubjectAccessReviewSchema } from "./schema.js";

export const localSubjectAccessReviewDefinition: ResourceDefinition<LocalSubjectAccessReview> = {
  group: AUTHORIZATION_GROUP,
  version: "v1",
  kind: "LocalSubjectAccessReview",
  resource: "localsubjectaccessreviews",
  singular: "localsubjectaccessreview",
  namespaced: true,
  verbs: ["create"],
  schema: LocalSubjectAccessReviewSchema,
  strategy: {},
  description: "Asks whether a user may perform an action in a namespace.",
};
