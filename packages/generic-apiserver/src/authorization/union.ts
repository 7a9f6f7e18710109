// Several authorizers in order (upstream: authorization/union). The first
// that allows or denies decides; "no-opinion" passes to the next. If no one
// decides, the request is denied, with everyone's reasons.

import type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from "./authorizer.js";

export class UnionAuthorizer implements Authorizer {
  constructor(private readonly authorizers: readonly Authorizer[]) {}

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationDecision> {
    const reasons: string[] = [];
    for (const authorizer of this.authorizers) {
      const result = await authorizer.authorize(attrs);
      if (result.decision !== "no-opinion") return result;
      if (result.reason) reasons.push(result.reason);
    }
    return reasons.length > 0 ? { decision: "no-opinion", reason: reasons.join(", ") } : { decision: "no-opinion" };
  }
}
