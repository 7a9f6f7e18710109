// --authorization-mode as an authorizer chain (upstream:
// BuiltInAuthorizationOptions.ToAuthorizationConfig). The modes run in the
// order given; the first that allows or denies decides, and a request no
// mode allows is denied. system:masters is allowed by the generic server
// before any of them, as upstream.
//
//   AlwaysAllow   everything
//   AlwaysDeny    nothing
//   RBAC          the rbac.authorization.k8s.io policy (its informers are
//                 started by the kube-apiserver's post-start hook)
//
// Node, ABAC and Webhook are accepted but not implemented: they decide
// nothing (fail closed), and a startup log line says so.

import { AlwaysAllowAuthorizer, AlwaysDenyAuthorizer, type Authorizer, UnionAuthorizer } from "@tskube/generic-apiserver";
import { RBACAuthorizer } from "@tskube/kube-apiserver";
import type { AuthorizationMode } from "./options/options.js";

export const NOT_IMPLEMENTED_MODES: ReadonlySet<AuthorizationMode> = new Set(["Node", "ABAC", "Webhook"]);

export interface AuthorizationChain {
  authorizer: Authorizer;
  /** The RBAC authorizer of the chain, if RBAC is one of the modes: the kube-apiserver keeps its policy current. */
  rbac?: RBACAuthorizer;
}

export function authorizerForModes(modes: readonly AuthorizationMode[]): AuthorizationChain {
  let rbac: RBACAuthorizer | undefined;
  const authorizers: Authorizer[] = [];
  for (const mode of modes) {
    if (mode === "AlwaysAllow") authorizers.push(new AlwaysAllowAuthorizer());
    else if (mode === "AlwaysDeny") authorizers.push(new AlwaysDenyAuthorizer());
    else if (mode === "RBAC") authorizers.push((rbac = new RBACAuthorizer()));
  }
  const authorizer = authorizers.length === 1 && authorizers[0] ? authorizers[0] : new UnionAuthorizer(authorizers);
  return rbac ? { authorizer, rbac } : { authorizer };
}
