// Validation of SubjectAccessReviews (upstream: ValidateSubjectAccessReview):
// one kind of attributes, a user or at least one group, empty metadata.

import { type FieldError, FieldPath, invalid } from "@tskube/apimachinery";
import { validateAttributesSpec, validateEmptyMetadata } from "../review/validation.js";
import type { SubjectAccessReview } from "./schema.js";

export function validateSubjectAccessReviewSpec(spec: SubjectAccessReview["spec"]): FieldError[] {
  const errs = validateAttributesSpec(spec);
  if ((spec.user ?? "") === "" && (spec.groups ?? []).length === 0) {
    errs.push(invalid(FieldPath.root("spec", "user"), spec.user ?? "", "at least one of user or group must be specified"));
  }
  return errs;
}

export function validateSubjectAccessReview(review: SubjectAccessReview): FieldError[] {
  return [...validateSubjectAccessReviewSpec(review.spec), ...validateEmptyMetadata(review.metadata, false)];
}
