// authentication.k8s.io/v1 over HTTPS: SelfSubjectReview (`kubectl auth
// whoami`) answers with the caller, TokenReview with what the server's own
// token authenticators make of a token; neither is stored.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AlwaysAllowAuthorizer } from "@tskube/generic-apiserver";
import { TEST_ISSUER, type TestServer, expectObject, expectStatus, startTestServer } from "../../../server/test-support.js";
import type { TokenRequest } from "./tokenrequest/schema.js";
import type { SelfSubjectReview } from "./selfsubjectreview/schema.js";
import type { TokenReview } from "./tokenreview/schema.js";

const T = { timeout: 30_000 };
const GROUP = "/apis/authentication.k8s.io/v1";
const STATIC_TOKEN = "alice-secret-token";

let s: TestServer;
before(async () => {
  s = await startTestServer({
    serviceAccountTokens: {},
    staticTokens: { [STATIC_TOKEN]: { name: "alice", uid: "1001", groups: ["dev"] } },
    authorizer: new AlwaysAllowAuthorizer(),
  });
  expectObject(await s.request("/api/v1/namespaces/default/serviceaccounts", { method: "POST", body: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot" } } }), 201);
});
after(() => s.close());

async function selfSubjectReview(opts: { token?: string } = {}): Promise<SelfSubjectReview> {
  const body = { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview", metadata: { name: "ignored" } };
  return expectObject<SelfSubjectReview>(await s.request(`${GROUP}/selfsubjectreviews`, { method: "POST", body, ...opts }), 201);
}

async function tokenReview(spec: Record<string, unknown>): Promise<TokenReview> {
  const body = { apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec };
  return expectObject<TokenReview>(await s.request(`${GROUP}/tokenreviews`, { method: "POST", body }), 201);
}

async function robotToken(spec: Record<string, unknown> = {}): Promise<string> {
  const body = { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec };
  const issued = expectObject<TokenRequest>(await s.request("/api/v1/namespaces/default/serviceaccounts/robot/token", { method: "POST", body }), 201);
  return issued.status?.token ?? "";
}

describe("authentication.k8s.io/v1", () => {
  it("lists selfsubjectreviews and tokenreviews, create only, cluster-scoped", T, async () => {
    const res = await s.request(GROUP);
    assert.equal(res.status, 200);
    const list = res.json<{ resources: { name: string; singularName: string; namespaced: boolean; kind: string; verbs: string[] }[] }>();
    assert.deepEqual(
      list.resources.map((r) => [r.name, r.singularName, r.namespaced, r.kind, r.verbs]),
      [
        ["selfsubjectreviews", "selfsubjectreview", false, "SelfSubjectReview", ["create"]],
        ["tokenreviews", "tokenreview", false, "TokenReview", ["create"]],
      ],
    );
    expectStatus(await s.request(`${GROUP}/tokenreviews`), 405, "MethodNotAllowed");
    expectStatus(await s.request(`${GROUP}/selfsubjectreviews/x`), 405, "MethodNotAllowed");
  });
});

describe("SelfSubjectReview", () => {
  it("answers with the admin's certificate user, and nothing of the request's metadata", T, async () => {
    const review = await selfSubjectReview();
    assert.equal(review.apiVersion, "authentication.k8s.io/v1");
    assert.equal(review.kind, "SelfSubjectReview");
    assert.deepEqual(Object.keys(review.metadata), ["creationTimestamp"]);
    assert.deepEqual(review.status, { userInfo: { username: "admin", groups: ["system:masters", "system:authenticated"] } });
  });

  it("answers with a static token's user and a ServiceAccount token's user, uid and extra", T, async () => {
    assert.deepEqual((await selfSubjectReview({ token: STATIC_TOKEN })).status?.userInfo, {
      username: "alice",
      uid: "1001",
      groups: ["dev", "system:authenticated"],
    });
    const info = (await selfSubjectReview({ token: await robotToken() })).status?.userInfo;
    assert.equal(info?.username, "system:serviceaccount:default:robot");
    assert.match(info?.uid ?? "", /^[0-9a-f-]{36}$/);
    assert.deepEqual(info?.groups, ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"]);
    assert.match(info?.extra?.["authentication.kubernetes.io/credential-id"]?.[0] ?? "", /^JTI=/);
  });
});

describe("TokenReview", () => {
  it("authenticates a ServiceAccount token for the API audiences, and echoes the spec", T, async () => {
    const token = await robotToken();
    const review = await tokenReview({ token });
    assert.equal(review.spec.token, token);
    assert.equal(review.status?.authenticated, true);
    assert.equal(review.status?.user?.username, "system:serviceaccount:default:robot");
    assert.deepEqual(review.status?.user?.groups, ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"]);
    assert.deepEqual(review.status?.audiences, [TEST_ISSUER]);
    assert.equal(review.status?.error, undefined);
  });

  it("checks the audiences the review names", T, async () => {
    const vaultToken = await robotToken({ audiences: ["vault"] });
    const forVault = await tokenReview({ token: vaultToken, audiences: ["vault", "other"] });
    assert.equal(forVault.status?.authenticated, true);
    assert.deepEqual(forVault.status?.audiences, ["vault"]);

    const forAPI = await tokenReview({ token: vaultToken });
    assert.deepEqual(forAPI.status, {
      user: {},
      error: `[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["${TEST_ISSUER}"]]`,
    });
  });

  it("authenticates a static token for the API audiences only", T, async () => {
    const review = await tokenReview({ token: STATIC_TOKEN });
    assert.deepEqual(review.status, { authenticated: true, user: { username: "alice", uid: "1001", groups: ["dev", "system:authenticated"] }, audiences: [TEST_ISSUER] });
    const elsewhere = await tokenReview({ token: STATIC_TOKEN, audiences: ["vault"] });
    assert.deepEqual(elsewhere.status, { user: {}, error: "[invalid bearer token, invalid bearer token]" });
  });

  it("reports why a token is refused, as upstream words it", T, async () => {
    assert.deepEqual((await tokenReview({ token: "no-such-token" })).status, { user: {}, error: "[invalid bearer token, invalid bearer token]" });
    const token = await robotToken();
    expectObject(await s.request("/api/v1/namespaces/default/serviceaccounts/robot", { method: "DELETE" }), 200);
    assert.deepEqual((await tokenReview({ token })).status, { user: {}, error: '[invalid bearer token, serviceaccounts "robot" not found]' });
    expectObject(await s.request("/api/v1/namespaces/default/serviceaccounts", { method: "POST", body: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot" } } }), 201);
  });

  it("needs a token: 400, as upstream", T, async () => {
    const res = await s.request(`${GROUP}/tokenreviews`, { method: "POST", body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec: {} } });
    const status = expectStatus(res, 400, "BadRequest");
    assert.equal(status.message, "token is required for TokenReview in authentication");
  });
});
