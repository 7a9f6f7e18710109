// Authorization: may this user do this (upstream: authorizer.Authorizer),
// and what may this user do (upstream: authorizer.RuleResolver, which
// answers SelfSubjectRulesReview, `kubectl auth can-i --list`).

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

/** Something a user may do to resources (authorization.k8s.io/v1 ResourceRule). */
export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/** Something a user may do to non-resource paths (authorization.k8s.io/v1 NonResourceRule). */
export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface UserRules {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  /** The list may leave out what the authorizer allows (e.g. a webhook's decisions cannot be listed). */
  incomplete: boolean;
  /** What went wrong while gathering the rules; the rules found are still valid. */
  errors: string[];
}

/** An authorizer that can also list what it allows a user in a namespace. */
export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): Promise<UserRules>;
}

export function isRuleResolver(value: unknown): value is RuleResolver {
  return typeof value === "object" && value !== null && typeof (value as { rulesFor?: unknown }).rulesFor === "function";
}
