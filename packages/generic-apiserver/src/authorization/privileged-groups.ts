// Members of a privileged group may do anything, whatever the other
// authorizers say (upstream: authorizerfactory.NewPrivilegedGroups). The
// server puts `system:masters` here, first in line: the cluster admin's
// client certificate keeps working even with a broken or empty RBAC policy.

import type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from "./authorizer.js";

export class PrivilegedGroupsAuthorizer implements Authorizer {
  private readonly groups: ReadonlySet<string>;

  constructor(groups: readonly string[]) {
    this.groups = new Set(groups);
  }

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationDecision> {
    return attrs.user.groups.some((group) => this.groups.has(group)) ? { decision: "allow" } : { decision: "no-opinion" };
  }
}
