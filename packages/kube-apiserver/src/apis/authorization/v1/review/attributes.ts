// From a review's question to the authorizer's attributes (upstream:
// pkg/registry/authorization/util): an empty version means every version.

import type { AuthorizationAttributes, UserInfo } from "@tskube/generic-apiserver";
import type { NonResourceAttributes, ResourceAttributes } from "./schema.js";

export function authorizationAttributesOf(
  user: UserInfo,
  spec: { resourceAttributes?: ResourceAttributes | undefined; nonResourceAttributes?: NonResourceAttributes | undefined },
): AuthorizationAttributes {
  const r = spec.resourceAttributes;
  if (r !== undefined) {
    return {
      user,
      verb: r.verb ?? "",
      isResourceRequest: true,
      path: "",
      namespace: r.namespace ?? "",
      apiGroup: r.group ?? "",
      apiVersion: r.version || "*",
      resource: r.resource ?? "",
      subresource: r.subresource ?? "",
      name: r.name ?? "",
    };
  }
  const n = spec.nonResourceAttributes;
  return { user, verb: n?.verb ?? "", isResourceRequest: false, path: n?.path ?? "", namespace: "", apiGroup: "", apiVersion: "", resource: "", subresource: "", name: "" };
}
