// The storage of localsubjectaccessreviews (upstream:
// pkg/registry/authorization/localsubjectaccessreview): a SubjectAccessReview
// that must be asked in the namespace it is about.

import { newBadRequest } from "@tskube/apimachinery";
import type { Authorizer, RESTStorage } from "@tskube/generic-apiserver";
import { authorizationAttributesOf } from "../review/attributes.js";
import { decide } from "../review/decide.js";
import { invalidReview, reviewStorage } from "../review/storage.js";
import { reviewedUser } from "../subjectaccessreview/storage.js";
import { localSubjectAccessReviewDefinition } from "./definition.js";
import type { LocalSubjectAccessReview } from "./schema.js";
import { validateLocalSubjectAccessReview } from "./validation.js";

export function localSubjectAccessReviewStorage(authorizer: () => Authorizer): RESTStorage<LocalSubjectAccessReview> {
  return reviewStorage(localSubjectAccessReviewDefinition, {
    check(scope, review) {
      const errs = validateLocalSubjectAccessReview(review);
      if (errs.length > 0) throw invalidReview(errs);
      if (scope.namespace === "") throw newBadRequest("namespace is required on this type: ");
      if (scope.namespace !== (review.metadata.namespace ?? "")) {
        throw newBadRequest(`spec.resourceAttributes.namespace must match namespace: ${scope.namespace}`);
      }
    },
    async answer(_scope, review) {
      return { ...review, status: await decide(authorizer(), authorizationAttributesOf(reviewedUser(review.spec), review.spec)) };
    },
  });
}
