// Validation of LocalSubjectAccessReviews (upstream:
// ValidateLocalSubjectAccessReview): as a SubjectAccessReview's spec, with
// metadata empty but for the namespace, resourceAttributes in that namespace,
// and no nonResourceAttributes.

import { type FieldError, FieldPath, invalid } from "@tskube/apimachinery";
import { invalidGo } from "../../../apps/v1/workload/go-value.js";
import { goNonResourceAttributes, validateEmptyMetadata } from "../review/validation.js";
import { validateSubjectAccessReviewSpec } from "../subjectaccessreview/validation.js";
import type { LocalSubjectAccessReview } from "./schema.js";

export function validateLocalSubjectAccessReview(review: LocalSubjectAccessReview): FieldError[] {
  const errs = [...validateSubjectAccessReviewSpec(review.spec), ...validateEmptyMetadata(review.metadata, true)];
  const attrs = review.spec.resourceAttributes;
  const namespace = review.metadata.namespace ?? "";
  if (attrs !== undefined && (attrs.namespace ?? "") !== namespace) {
    errs.push(invalid(FieldPath.root("spec", "resourceAttributes", "namespace"), attrs.namespace ?? "", "must match metadata.namespace"));
  }
  if (review.spec.nonResourceAttributes !== undefined) {
    errs.push(invalidGo(FieldPath.root("spec", "nonResourceAttributes"), goNonResourceAttributes(review.spec.nonResourceAttributes), "disallowed on this kind of request"));
  }
  return errs;
}
