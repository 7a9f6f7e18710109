import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DelegatingTokenAuthenticator, type TokenReviewSpec, type TokenReviewStatus } from "./delegating-token.js";

/** A reviewer that records what it was asked and answers `answer`. */
function reviewer(answer: TokenReviewStatus | Error) {
  const asked: TokenReviewSpec[] = [];
  return {
    asked,
    review: async (spec: TokenReviewSpec) => {
      asked.push(spec);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe("DelegatingTokenAuthenticator", () => {
  it("is the user the TokenReview names, with its audiences", async () => {
    const r = reviewer({
      authenticated: true,
      user: { username: "system:serviceaccount:ns:sa", uid: "u-1", groups: ["system:serviceaccounts", "system:authenticated"], extra: { "authentication.kubernetes.io/pod-name": ["p"] } },
      audiences: ["https://kubernetes.default.svc"],
    });
    const result = await new DelegatingTokenAuthenticator({ review: r.review }).authenticateToken("t0k3n");
    assert.deepEqual(r.asked, [{ token: "t0k3n" }]);
    assert.deepEqual(result, {
      kind: "user",
      user: {
        name: "system:serviceaccount:ns:sa",
        uid: "u-1",
        groups: ["system:serviceaccounts", "system:authenticated"],
        extra: { "authentication.kubernetes.io/pod-name": ["p"] },
      },
      audiences: ["https://kubernetes.default.svc"],
    });
    await new DelegatingTokenAuthenticator({ review: r.review }).authenticateToken("t0k3n", ["api"]);
    assert.deepEqual(r.asked[1], { token: "t0k3n", audiences: ["api"] });
  });

  it("a token the review does not authenticate: invalid with the reviewer's error, or unknown", async () => {
    const expired = await new DelegatingTokenAuthenticator({ review: reviewer({ authenticated: false, error: "token has expired" }).review }).authenticateToken("t");
    assert.deepEqual(expired, { kind: "invalid", reason: "token has expired" });
    const unknown = await new DelegatingTokenAuthenticator({ review: reviewer({ authenticated: false }).review }).authenticateToken("t");
    assert.deepEqual(unknown, { kind: "none" });
  });

  it("remembers answers for the TTL, per token; failures to ask are not remembered", async () => {
    let now = 0;
    const r = reviewer({ authenticated: true, user: { username: "u", groups: [] } });
    const authn = new DelegatingTokenAuthenticator({ review: r.review, cacheTTLMs: 10_000, now: () => now });
    await authn.authenticateToken("a");
    await authn.authenticateToken("a");
    await authn.authenticateToken("b");
    assert.deepEqual(r.asked.map((s) => s.token), ["a", "b"]);
    now += 10_001;
    await authn.authenticateToken("a");
    assert.deepEqual(r.asked.map((s) => s.token), ["a", "b", "a"]);

    const failing = reviewer(new Error("connection refused"));
    const broken = new DelegatingTokenAuthenticator({ review: failing.review });
    await assert.rejects(broken.authenticateToken("a"), /connection refused/);
    await assert.rejects(broken.authenticateToken("a"), /connection refused/);
    assert.equal(failing.asked.length, 2);
  });
});
