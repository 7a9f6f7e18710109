// authorization.k8s.io/v1 SelfSubjectRulesReview: what may I do in this
// namespace? What `kubectl auth can-i --list` asks. Every field of
// upstream's v1.32 type.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { NonResourceRuleSchema, ResourceRuleSchema } from "../review/schema.js";

/** A field upstream always writes: a client's null (kubectl sends one in an empty status) decodes as the default. */
const alwaysWritten = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema);

export const SelfSubjectRulesReviewSpecSchema = z
  .object({ namespace: optionalField(z.string().describe("The namespace to list the rules for; required.")) })
  .meta({ id: "io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec" })
  .describe("Where to list the requester's rules.");

export const SubjectRulesReviewStatusSchema = z
  .object({
    resourceRules: alwaysWritten(z.array(ResourceRuleSchema).meta({ "x-kubernetes-list-type": "atomic" }).default([])).describe("What the user may do to resources."),
    nonResourceRules: alwaysWritten(z.array(NonResourceRuleSchema).meta({ "x-kubernetes-list-type": "atomic" }).default([])).describe("What the user may do to other paths."),
    incomplete: alwaysWritten(z.boolean().default(false)).describe("Whether the lists may leave out what some authorizer allows (one that cannot list its rules)."),
    evaluationError: optionalField(z.string().describe("What went wrong while gathering the rules; the rules listed are still granted.")),
  })
  .meta({ id: "io.k8s.api.authorization.v1.SubjectRulesReviewStatus" })
  .describe("The rules a user has in a namespace. Lists may repeat themselves and are in no particular order.");

export const SelfSubjectRulesReviewSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata."),
  spec: SelfSubjectRulesReviewSpecSchema.prefault({}),
  status: optionalField(SubjectRulesReviewStatusSchema.describe("The rules, filled in by the server.")),
}).describe("Lists what the requesting user may do in a namespace. Nothing is stored: the rules come back in status.");

export type SelfSubjectRulesReview = z.infer<typeof SelfSubjectRulesReviewSchema>;
