// The storage of subjectaccessreviews (upstream:
// pkg/registry/authorization/subjectaccessreview): the question is about the
// user the spec names, taken as given (no system:authenticated is added),
// and answered by the server's whole authorization chain.

import type { Authorizer, RESTStorage, UserInfo } from "@tskube/generic-apiserver";
import { authorizationAttributesOf } from "../review/attributes.js";
import { decide } from "../review/decide.js";
import { invalidReview, reviewStorage } from "../review/storage.js";
import { subjectAccessReviewDefinition } from "./definition.js";
import type { SubjectAccessReview } from "./schema.js";
import { validateSubjectAccessReview } from "./validation.js";

/** The user a SubjectAccessReview or LocalSubjectAccessReview asks about. */
export function reviewedUser(spec: SubjectAccessReview["spec"]): UserInfo {
  return { name: spec.user ?? "", groups: spec.groups ?? [], ...(spec.uid ? { uid: spec.uid } : {}), ...(spec.extra ? { extra: spec.extra } : {}) };
}

export function subjectAccessReviewStorage(authorizer: () => Authorizer): RESTStorage<SubjectAccessReview> {
  return reviewStorage(subjectAccessReviewDefinition, {
    check(_scope, review) {
      const errs = validateSubjectAccessReview(review);
      if (errs.length > 0) throw invalidReview(errs);
    },
    async answer(_scope, review) {
      return { ...review, status: await decide(authorizer(), authorizationAttributesOf(reviewedUser(review.spec), review.spec)) };
    },
  });
}
