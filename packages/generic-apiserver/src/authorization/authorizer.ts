// Authorization: may this user do this (upstream: authorizer.Authorizer).

import type { UserInfo } from "../authentication/user.js";

/** What is being asked for, from the RequestInfo and the user. */
export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  isResourceRequest: boolean;
  /** For non-resource requests, e.g. `/healthz`. */
  path: string;
  namespace: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
}

export type AuthorizationDecision =
  | { decision: "allow"; reason?: string }
  | { decision: "deny"; reason?: string }
  /** Let the next authorizer in the chain decide; a request no one allows is denied. */
  | { decision: "no-opinion"; reason?: string };

export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): Promise<AuthorizationDecision>;
}
