// The REST storage of an access review: create only, and nothing is stored
// (upstream: pkg/registry/authorization/*/rest.go). A POST is checked (422
// or 400 for a malformed question), admitted, answered from the server's
// authorizer and returned with its status filled in, as 201 Created.

import { type FieldError, type KubeObject, newInvalid } from "@tskube/apimachinery";
import type { RESTStorage, RequestScope, ResourceDefinition } from "@tskube/generic-apiserver";
import { createOnlyStorage } from "../../../../registry/create-only.js";
import { AUTHORIZATION_GROUP } from "./schema.js";

/**
 * 422 for a malformed review. Upstream names the kind from the decoded
 * object, whose kind its decoder has cleared by then, so the message reads
 * `.authorization.k8s.io "" is invalid: ...`.
 */
export function invalidReview(errs: FieldError[]): Error {
  return newInvalid({ group: AUTHORIZATION_GROUP, kind: "" }, "", errs);
}

export interface Review<T extends KubeObject> {
  /** Throws the 422 or 400 a malformed review gets. */
  check(scope: RequestScope, review: T): void;
  /** The review with its answer. */
  answer(scope: RequestScope, review: T): Promise<T>;
}

/** The create-only storage of an access review (see registry/create-only.ts): checked, admitted, answered. */
export function reviewStorage<T extends KubeObject>(definition: ResourceDefinition<T>, review: Review<T>): RESTStorage<T> {
  return createOnlyStorage(definition, async (scope, obj) => {
    review.check(scope, obj);
    await scope.validation?.create?.(structuredClone(obj));
    const answered = await review.answer(scope, obj);
    // A review was never stored: Go writes its zero creation time as null.
    return { ...answered, metadata: { ...answered.metadata, creationTimestamp: null } } as unknown as T;
  }).main;
}
