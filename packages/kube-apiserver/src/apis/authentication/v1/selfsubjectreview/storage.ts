// Answering a SelfSubjectReview (upstream: pkg/registry/authentication/selfsubjectreview):
// the caller's own user, as authentication (and impersonation) left it. The
// answer is a new object: nothing of the request but its kind is kept, and
// metadata carries only the time of the answer.

import { newBadRequest, now } from "@tskube/apimachinery";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { createOnlyStorage } from "../../../../registry/create-only.js";
import { userInfoOf } from "../user-info.js";
import { selfSubjectReviewDefinition } from "./definition.js";
import type { SelfSubjectReview } from "./schema.js";

export function selfSubjectReviewStorage(): ResourceStorage<SelfSubjectReview> {
  return createOnlyStorage(selfSubjectReviewDefinition, async (scope, review) => {
    await scope.validation?.create?.(review);
    if (scope.user === undefined) throw newBadRequest("no user present on request");
    return {
      apiVersion: review.apiVersion ?? "authentication.k8s.io/v1",
      kind: review.kind ?? "SelfSubjectReview",
      metadata: { creationTimestamp: now() },
      status: { userInfo: userInfoOf(scope.user) },
    };
  });
}
