// authorization.k8s.io/v1 LocalSubjectAccessReview: a SubjectAccessReview
// confined to one namespace, so that asking can be granted per namespace.
// Every field of upstream's v1.32 type.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import type { z } from "zod";
import { SubjectAccessReviewStatusSchema } from "../review/schema.js";
import { SubjectAccessReviewSpecSchema } from "../subjectaccessreview/schema.js";

export const LocalSubjectAccessReviewSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata; only the namespace (from the URL) may be set."),
  spec: SubjectAccessReviewSpecSchema.prefault({}).describe(
    "Who is asking to do what; resourceAttributes.namespace must be the review's namespace, and nonResourceAttributes is not allowed.",
  ),
  status: optionalField(SubjectAccessReviewStatusSchema.describe("The answer, filled in by the server.")),
}).describe("Asks whether a user may perform an action in a namespace. Nothing is stored: the answer comes back in status.");

export type LocalSubjectAccessReview = z.infer<typeof LocalSubjectAccessReviewSchema>;
