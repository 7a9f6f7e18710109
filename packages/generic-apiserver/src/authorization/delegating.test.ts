import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AuthorizationAttributes } from "./authorizer.js";
import { DelegatingAuthorizer, type SubjectAccessReviewSpec, type SubjectAccessReviewStatus } from "./delegating.js";

const listFlunders: AuthorizationAttributes = {
  user: { name: "alice", uid: "u-1", groups: ["dev", "system:authenticated"], extra: { scopes: ["read"] } },
  verb: "list",
  isResourceRequest: true,
  path: "/apis/wardle.example.com/v1alpha1/namespaces/ns/flunders",
  namespace: "ns",
  apiGroup: "wardle.example.com",
  apiVersion: "v1alpha1",
  resource: "flunders",
  subresource: "",
  name: "",
};

const getAPIs: AuthorizationAttributes = {
  user: { name: "bob", groups: ["system:authenticated"] },
  verb: "get",
  isResourceRequest: false,
  path: "/apis/wardle.example.com/v1alpha1",
  namespace: "",
  apiGroup: "",
  apiVersion: "",
  resource: "",
  subresource: "",
  name: "",
};

/** A reviewer that records what it was asked and answers `answer`. */
function reviewer(answer: SubjectAccessReviewStatus | Error) {
  const asked: SubjectAccessReviewSpec[] = [];
  return {
    asked,
    review: async (spec: SubjectAccessReviewSpec) => {
      asked.push(spec);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe("DelegatingAuthorizer", () => {
  it("asks a SubjectAccessReview with the user and the resource or non-resource attributes, as upstream's webhook authorizer", async () => {
    const r = reviewer({ allowed: true });
    const authorizer = new DelegatingAuthorizer({ review: r.review });
    await authorizer.authorize(listFlunders);
    await authorizer.authorize(getAPIs);
    assert.deepEqual(r.asked, [
      {
        user: "alice",
        uid: "u-1",
        groups: ["dev", "system:authenticated"],
        extra: { scopes: ["read"] },
        resourceAttributes: { namespace: "ns", verb: "list", group: "wardle.example.com", version: "v1alpha1", resource: "flunders", subresource: "", name: "" },
      },
      { user: "bob", groups: ["system:authenticated"], nonResourceAttributes: { path: "/apis/wardle.example.com/v1alpha1", verb: "get" } },
    ]);
  });

  it("answers as the review does: allowed, denied, or no opinion, with the reviewer's reason", async () => {
    const decide = (status: SubjectAccessReviewStatus) => new DelegatingAuthorizer({ review: reviewer(status).review }).authorize(listFlunders);
    assert.deepEqual(await decide({ allowed: true, reason: 'RBAC: allowed by RoleBinding "dev/ns"' }), {
      decision: "allow",
      reason: 'RBAC: allowed by RoleBinding "dev/ns"',
    });
    assert.deepEqual(await decide({ allowed: false, denied: true, reason: "Everything is forbidden." }), { decision: "deny", reason: "Everything is forbidden." });
    assert.deepEqual(await decide({ allowed: false }), { decision: "no-opinion" });
    await assert.rejects(decide({ allowed: true, denied: true }), /returned both allow and deny response/);
  });

  it("remembers answers for their TTL, by the whole question; failures are not remembered", async () => {
    let now = 1_000;
    const r = reviewer({ allowed: true });
    const authorizer = new DelegatingAuthorizer({ review: r.review, allowCacheTTLMs: 10_000, now: () => now });
    await authorizer.authorize(listFlunders);
    await authorizer.authorize(listFlunders);
    assert.equal(r.asked.length, 1, "the second ask came from the cache");
    await authorizer.authorize({ ...listFlunders, verb: "get", name: "f1" });
    assert.equal(r.asked.length, 2, "another question is asked");
    now += 10_001;
    await authorizer.authorize(listFlunders);
    assert.equal(r.asked.length, 3, "asked again once the answer expired");

    const denied = reviewer({ allowed: false, reason: "no" });
    const denying = new DelegatingAuthorizer({ review: denied.review, denyCacheTTLMs: 500, now: () => now });
    await denying.authorize(listFlunders);
    now += 400;
    await denying.authorize(listFlunders);
    assert.equal(denied.asked.length, 1);
    now += 200;
    await denying.authorize(listFlunders);
    assert.equal(denied.asked.length, 2, "a not-allowed answer has its own TTL");

    const failing = reviewer(new Error("connection refused"));
    const broken = new DelegatingAuthorizer({ review: failing.review });
    await assert.rejects(broken.authorize(listFlunders), /connection refused/);
    await assert.rejects(broken.authorize(listFlunders), /connection refused/);
    assert.equal(failing.asked.length, 2);
  });
});
