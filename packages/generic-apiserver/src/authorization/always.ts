// The two trivial authorizers (upstream: --authorization-mode=AlwaysAllow and
// AlwaysDeny). AlwaysDeny has no opinion rather than a hard "deny", as
// upstream: a privileged group or another authorizer before it can still allow.
// As rule resolvers, AlwaysAllow lists everything and AlwaysDeny nothing.

import type { AuthorizationDecision, Authorizer, RuleResolver, UserRules } from "./authorizer.js";

export class AlwaysAllowAuthorizer implements Authorizer, RuleResolver {
  async authorize(): Promise<AuthorizationDecision> {
    return { decision: "allow" };
  }

  async rulesFor(): Promise<UserRules> {
    return {
      resourceRules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }],
      nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
      incomplete: false,
      errors: [],
    };
  }
}

export class AlwaysDenyAuthorizer implements Authorizer, RuleResolver {
  async authorize(): Promise<AuthorizationDecision> {
    return { decision: "no-opinion", reason: "Everything is forbidden." };
  }

  async rulesFor(): Promise<UserRules> {
    return { resourceRules: [], nonResourceRules: [], incomplete: false, errors: [] };
  }
}
