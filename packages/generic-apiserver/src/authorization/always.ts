// The two trivial authorizers (upstream: --authorization-mode=AlwaysAllow and
// AlwaysDeny). AlwaysDeny has no opinion rather than a hard "deny", as
// upstream: a privileged group or another authorizer before it can still allow.

import type { AuthorizationDecision, Authorizer } from "./authorizer.js";

export class AlwaysAllowAuthorizer implements Authorizer {
  async authorize(): Promise<AuthorizationDecision> {
    return { decision: "allow" };
  }
}

export class AlwaysDenyAuthorizer implements Authorizer {
  async authorize(): Promise<AuthorizationDecision> {
    return { decision: "no-opinion", reason: "Everything is forbidden." };
  }
}
