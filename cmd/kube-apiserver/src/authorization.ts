// --authorization-mode as an authorizer chain (upstream:
// BuiltInAuthorizationOptions.ToAuthorizationConfig). The modes run in the
// order given; the first that allows or denies decides. system:masters and
// the public health paths are allowed by the generic server before these.
//
// RBAC and Node are accepted but not implemented yet: they decide nothing,
// so a request no other mode allows is denied (fail closed), and a startup
// log line says so.

import { AlwaysAllowAuthorizer, AlwaysDenyAuthorizer, type Authorizer, UnionAuthorizer } from "@tskube/generic-apiserver";
import type { AuthorizationMode } from "./options/options.js";

export const NOT_IMPLEMENTED_MODES: ReadonlySet<AuthorizationMode> = new Set(["RBAC", "Node", "ABAC", "Webhook"]);

function authorizerFor(mode: AuthorizationMode): Authorizer | undefined {
  switch (mode) {
    case "AlwaysAllow":
      return new AlwaysAllowAuthorizer();
    case "AlwaysDeny":
      return new AlwaysDenyAuthorizer();
    default:
      return undefined;
  }
}

export function authorizerForModes(modes: readonly AuthorizationMode[]): Authorizer {
  const authorizers = modes.map(authorizerFor).filter((a): a is Authorizer => a !== undefined);
  return authorizers.length === 1 && authorizers[0] ? authorizers[0] : new UnionAuthorizer(authorizers);
}
