// The storage of selfsubjectaccessreviews (upstream:
// pkg/registry/authorization/selfsubjectaccessreview): the question is about
// the requesting user (after impersonation, so `kubectl auth can-i --as`
// asks about the impersonated user), answered by the whole authorization chain.

import { newBadRequest } from "@tskube/apimachinery";
import type { Authorizer, RESTStorage } from "@tskube/generic-apiserver";
import { authorizationAttributesOf } from "../review/attributes.js";
import { decide } from "../review/decide.js";
import { invalidReview, reviewStorage } from "../review/storage.js";
import { validateAttributesSpec, validateEmptyMetadata } from "../review/validation.js";
import { selfSubjectAccessReviewDefinition } from "./definition.js";
import type { SelfSubjectAccessReview } from "./schema.js";

export function selfSubjectAccessReviewStorage(authorizer: () => Authorizer): RESTStorage<SelfSubjectAccessReview> {
  return reviewStorage(selfSubjectAccessReviewDefinition, {
    check(scope, review) {
      const errs = [...validateAttributesSpec(review.spec), ...validateEmptyMetadata(review.metadata, false)];
      if (errs.length > 0) throw invalidReview(errs);
      if (scope.user === undefined) throw newBadRequest("no user present on request");
    },
    async answer(scope, review) {
      if (scope.user === undefined) throw newBadRequest("no user present on request");
      return { ...review, status: await decide(authorizer(), authorizationAttributesOf(scope.user, review.spec)) };
    },
  });
}
