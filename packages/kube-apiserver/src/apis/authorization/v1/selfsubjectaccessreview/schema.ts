// authorization.k8s.io/v1 SelfSubjectAccessReview: may I do this? What
// `kubectl auth can-i` asks. Every field of upstream's v1.32 type.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { NonResourceAttributesSchema, ResourceAttributesSchema, SubjectAccessReviewStatusSchema } from "../review/schema.js";

export const SelfSubjectAccessReviewSpecSchema = z
  .object({
    resourceAttributes: optionalField(ResourceAttributesSchema.describe("The request, when it is for a resource.")),
    nonResourceAttributes: optionalField(NonResourceAttributesSchema.describe("The request, when it is for another path.")),
  })
  .meta({ id: "io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec" })
  .describe("What the requester wants to do: exactly one of resourceAttributes and nonResourceAttributes.");

export const SelfSubjectAccessReviewSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata; must be empty."),
  spec: SelfSubjectAccessReviewSpecSchema.prefault({}),
  status: optionalField(SubjectAccessReviewStatusSchema.describe("The answer, filled in by the server.")),
}).describe("Asks whether the requesting user may perform an action. Nothing is stored: the answer comes back in status.");

export type SelfSubjectAccessReview = z.infer<typeof SelfSubjectAccessReviewSchema>;
