// authorization.k8s.io/v1 SubjectAccessReview: may this user (or these
// groups) do this? Asked by API servers and webhooks on behalf of others.
// Every field of upstream's v1.32 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { NonResourceAttributesSchema, ResourceAttributesSchema, SubjectAccessReviewStatusSchema } from "../review/schema.js";

export const SubjectAccessReviewSpecSchema = z
  .object({
    resourceAttributes: optionalField(ResourceAttributesSchema.describe("The request, when it is for a resource.")),
    nonResourceAttributes: optionalField(NonResourceAttributesSchema.describe("The request, when it is for another path.")),
    user: optionalField(z.string().describe("The user to ask about; a user or at least one group is required.")),
    groups: optionalField(z.array(z.string()).meta({ "x-kubernetes-list-type": "atomic" }).describe("The user's groups.")),
    extra: optionalField(z.record(z.string(), z.array(z.string())).describe("The user's extra attributes, as the authenticator gave them.")),
    uid: optionalField(z.string().describe("The user's UID.")),
  })
  .meta({ id: "io.k8s.api.authorization.v1.SubjectAccessReviewSpec" })
  .describe("Who is asking to do what: exactly one of resourceAttributes and nonResourceAttributes.");

export const SubjectAccessReviewSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata; must be empty."),
  spec: SubjectAccessReviewSpecSchema.prefault({}),
  status: optionalField(SubjectAccessReviewStatusSchema.describe("The answer, filled in by the server.")),
}).describe("Asks whether a user may perform an action. Nothing is stored: the answer comes back in status.");

export type SubjectAccessReview = z.infer<typeof SubjectAccessReviewSchema>;
