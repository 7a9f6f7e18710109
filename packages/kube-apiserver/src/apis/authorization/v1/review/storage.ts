// The REST storage of an access review: create only, and nothing is stored
// (upstream: pkg/registry/authorization/*/rest.go). A POST is checked (422
// or 400 for a malformed question), admitted, answered from the server's
// authorizer and returned with its status filled in, as 201 Created.

import { type FieldError, type KubeObject, newInvalid, newMethodNotSupported } from "@tskube/apimachinery";
import type { ListParams, ObjectList, RESTStorage, RequestScope, ResourceDefinition } from "@tskube/generic-apiserver";
import type { Watch } from "@tskube/storage";
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

export class ReviewStorage<T extends KubeObject> implements RESTStorage<T> {
  constructor(
    readonly definition: ResourceDefinition<T>,
    private readonly review: Review<T>,
  ) {}

  async create(scope: RequestScope, obj: T): Promise<T> {
    this.review.check(scope, obj);
    await scope.validation?.create?.(structuredClone(obj));
    const answered = await this.review.answer(scope, obj);
    // A review was never stored: Go writes its zero creation time as null.
    return { ...answered, metadata: { ...answered.metadata, creationTimestamp: null } } as unknown as T;
  }

  private notSupported(verb: string): Error {
    return newMethodNotSupported({ group: this.definition.group, resource: this.definition.resource }, verb);
  }
  get(): Promise<T> {
    return Promise.reject(this.notSupported("get"));
  }
  list(): Promise<ObjectList<T>> {
    return Promise.reject(this.notSupported("list"));
  }
  watch(_scope: RequestScope, _params: ListParams): Promise<Watch<T>> {
    return Promise.reject(this.notSupported("watch"));
  }
  update(): Promise<{ object: T; created: boolean }> {
    return Promise.reject(this.notSupported("update"));
  }
  delete(): Promise<{ object: T; deleted: boolean }> {
    return Promise.reject(this.notSupported("delete"));
  }
  deleteCollection(): Promise<ObjectList<T>> {
    return Promise.reject(this.notSupported("deletecollection"));
  }
}
