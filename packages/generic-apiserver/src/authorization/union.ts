// Several authorizers in order (upstream: authorization/union). The first
// that allows or denies decides; "no-opinion" passes to the next. If no one
// decides, the request is denied, with everyone's reasons.
//
// As a rule resolver it concatenates the rules of the members that can list
// theirs (upstream: unionAuthzRulesHandler); the list is incomplete if any
// member's is.

import type { UserInfo } from "../authentication/user.js";
import {
  type AuthorizationAttributes,
  type AuthorizationDecision,
  type Authorizer,
  type RuleResolver,
  type UserRules,
  isRuleResolver,
} from "./authorizer.js";

export class UnionAuthorizer implements Authorizer, RuleResolver {
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

  async rulesFor(user: UserInfo, namespace: string): Promise<UserRules> {
    const all: UserRules = { resourceRules: [], nonResourceRules: [], incomplete: false, errors: [] };
    for (const authorizer of this.authorizers) {
      if (!isRuleResolver(authorizer)) continue;
      const rules = await authorizer.rulesFor(user, namespace);
      all.resourceRules.push(...rules.resourceRules);
      all.nonResourceRules.push(...rules.nonResourceRules);
      all.incomplete ||= rules.incomplete;
      all.errors.push(...rules.errors);
    }
    return all;
  }
}
