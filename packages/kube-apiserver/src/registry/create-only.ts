// Resources that are only ever created, and never stored (upstream: the REST
// storage of TokenReview, SelfSubjectReview and the access reviews, which
// implement rest.Creater alone): a POST gets its answer computed from the
// request, and nothing is kept, so there is nothing to get, list, watch,
// update or delete. The definition offers only `create`, so the router
// answers 405 for the other verbs before reaching this storage; its other
// methods say the same if called directly.

import { type KubeObject, newMethodNotSupported } from "@tskube/apimachinery";
import type { RESTStorage, RequestScope, ResourceDefinition, ResourceStorage } from "@tskube/generic-apiserver";

/** Computes the answer to one POST; `scope.validation` (validating admission) is the creator's to run. */
export type CreateOnly<T extends KubeObject> = (scope: RequestScope, obj: T) => Promise<T>;

export function createOnlyStorage<T extends KubeObject>(definition: ResourceDefinition<T>, create: CreateOnly<T>): ResourceStorage<T> {
  const refuse = (verb: string) => () => Promise.reject(newMethodNotSupported({ group: definition.group, resource: definition.resource }, verb));
  const main: RESTStorage<T> = {
    definition,
    create,
    get: refuse("get"),
    list: refuse("list"),
    watch: refuse("watch"),
    update: refuse("update"),
    delete: refuse("delete"),
    deleteCollection: refuse("deletecollection"),
  };
  return { main };
}
