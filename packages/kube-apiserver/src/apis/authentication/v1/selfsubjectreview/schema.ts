// authentication.k8s.io/v1 SelfSubjectReview: "who am I?" (`kubectl auth
// whoami`), answered with the user the request was authenticated as (after
// impersonation). Every field of upstream's v1.32 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { UserInfoSchema } from "../user-info.js";

export const SelfSubjectReviewStatusSchema = z
  .object({
    userInfo: optionalField(UserInfoSchema.describe("The user the request was authenticated as.")),
  })
  .meta({ id: "io.k8s.api.authentication.v1.SelfSubjectReviewStatus" })
  .describe("Who the caller is.");

export const SelfSubjectReviewSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata; not kept, as the review is not stored."),
  status: optionalField(SelfSubjectReviewStatusSchema.describe("Who the caller is, filled in by the server.")),
}).describe("A question to the API server: who am I? Answered at once, never stored.");

export type SelfSubjectReview = z.infer<typeof SelfSubjectReviewSchema>;
