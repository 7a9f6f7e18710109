import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UserInfo } from "../authentication/user.js";
import { AlwaysAllowAuthorizer, AlwaysDenyAuthorizer } from "./always.js";
import type { AuthorizationAttributes, RuleResolver, UserRules } from "./authorizer.js";
import { PrivilegedGroupsAuthorizer } from "./privileged-groups.js";
import { UnionAuthorizer } from "./union.js";

const alice: UserInfo = { name: "alice", groups: ["dev", "system:authenticated"] };

const attrs = (user: UserInfo): AuthorizationAttributes => ({
  user,
  verb: "get",
  isResourceRequest: true,
  path: "/api/v1/namespaces/default/pods",
  namespace: "default",
  apiGroup: "",
  apiVersion: "v1",
  resource: "pods",
  subresource: "",
  name: "",
});

/** A resolver with fixed rules, standing in for RBAC. */
class FixedRules implements RuleResolver {
  constructor(private readonly rules: UserRules) {}
  async authorize() {
    return { decision: "no-opinion" as const };
  }
  async rulesFor(): Promise<UserRules> {
    return structuredClone(this.rules);
  }
}

describe("UnionAuthorizer", () => {
  it("the first decision wins; no-opinion passes on", async () => {
    const union = new UnionAuthorizer([new PrivilegedGroupsAuthorizer(["system:masters"]), new AlwaysDenyAuthorizer(), new AlwaysAllowAuthorizer()]);
    assert.equal((await union.authorize(attrs(alice))).decision, "allow");
    const deny = new UnionAuthorizer([new AlwaysDenyAuthorizer()]);
    assert.deepEqual(await deny.authorize(attrs(alice)), { decision: "no-opinion", reason: "Everything is forbidden." });
  });

  it("lists the rules of the members that can, incomplete if any member's list is", async () => {
    const fixed = new FixedRules({
      resourceRules: [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }],
      nonResourceRules: [],
      incomplete: true,
      errors: ['role.rbac.authorization.k8s.io "gone" not found'],
    });
    // The privileged-groups authorizer lists nothing (as upstream's), so it is skipped.
    const union = new UnionAuthorizer([new PrivilegedGroupsAuthorizer(["system:masters"]), fixed, new AlwaysAllowAuthorizer()]);
    const rules = await union.rulesFor(alice, "default");
    assert.deepEqual(rules.resourceRules, [
      { verbs: ["get"], apiGroups: [""], resources: ["configmaps"] },
      { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
    ]);
    assert.deepEqual(rules.nonResourceRules, [{ verbs: ["*"], nonResourceURLs: ["*"] }]);
    assert.equal(rules.incomplete, true);
    assert.deepEqual(rules.errors, ['role.rbac.authorization.k8s.io "gone" not found']);
    assert.deepEqual(await new AlwaysDenyAuthorizer().rulesFor(), { resourceRules: [], nonResourceRules: [], incomplete: false, errors: [] });
  });
});
