// serviceaccounts/<name>/token over HTTPS: what a TokenRequest answers, the
// checks upstream makes (lifetimes, names, bound objects), and that the
// tokens it issues authenticate until their account or bound object goes.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubeObject, Status } from "@tskube/apimachinery";
import { AlwaysAllowAuthorizer } from "@tskube/generic-apiserver";
import { signJWT } from "../../../../serviceaccount/jwt.js";
import { TEST_ISSUER, type TestServer, expectObject, expectStatus, startTestServer } from "../../../../server/test-support.js";
import type { TokenRequest } from "../../../authentication/v1/tokenrequest/schema.js";
import type { SelfSubjectReview } from "../../../authentication/v1/selfsubjectreview/schema.js";

const T = { timeout: 30_000 };
const NS = "default";
const MAX_EXPIRATION = 24 * 3600;

const path = (resource: string, name = "", sub = "") => `/api/v1/namespaces/${NS}/${resource}${name ? `/${name}` : ""}${sub ? `/${sub}` : ""}`;
const tokenPath = (account: string) => path("serviceaccounts", account, "token");
const tokenRequest = (spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
  apiVersion: "authentication.k8s.io/v1",
  kind: "TokenRequest",
  metadata,
  spec,
});

/** The claims of a JWT, unverified. */
function claimsOf(token: string): Record<string, unknown> & { "kubernetes.io": Record<string, unknown> } {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as ReturnType<typeof claimsOf>;
}

let s: TestServer;
before(async () => {
  s = await startTestServer({ serviceAccountTokens: { maxExpirationSeconds: MAX_EXPIRATION }, authorizer: new AlwaysAllowAuthorizer() });
});
after(() => s.close());

async function create(resource: string, body: KubeObject): Promise<KubeObject> {
  return expectObject(await s.request(path(resource), { method: "POST", body }), 201);
}
const account = (name: string) => create("serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name } });

async function requestToken(accountName: string, spec: Record<string, unknown> = {}): Promise<TokenRequest> {
  return expectObject<TokenRequest>(await s.request(tokenPath(accountName), { method: "POST", body: tokenRequest(spec) }), 201);
}

/** Who the server says the token is (a SelfSubjectReview), or the HTTP status when it refuses the token. */
async function whoami(token: string): Promise<string | number> {
  const res = await s.request("/apis/authentication.k8s.io/v1/selfsubjectreviews", {
    method: "POST",
    token,
    body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
  });
  return res.status === 201 ? (res.json<SelfSubjectReview>().status?.userInfo?.username ?? "") : res.status;
}

describe("serviceaccounts/token", () => {
  it("issues a token for the account with the API audiences and an hour's lifetime", T, async () => {
    const sa = await account("builder");
    const before = Math.floor(Date.now() / 1000);
    const res = await requestToken("builder");
    assert.equal(res.apiVersion, "authentication.k8s.io/v1");
    assert.equal(res.kind, "TokenRequest");
    assert.equal(res.metadata.name, "builder");
    assert.equal(res.metadata.namespace, NS);
    assert.match(res.metadata.creationTimestamp ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(res.spec, { audiences: [TEST_ISSUER], expirationSeconds: 3600 });
    const expiresAt = Date.parse(res.status?.expirationTimestamp ?? "") / 1000;
    assert.ok(expiresAt >= before + 3600 && expiresAt <= before + 3602, `expires an hour from now: ${res.status?.expirationTimestamp}`);

    const claims = claimsOf(res.status?.token ?? "");
    assert.equal(claims["iss"], TEST_ISSUER);
    assert.equal(claims["sub"], "system:serviceaccount:default:builder");
    assert.deepEqual(claims["aud"], [TEST_ISSUER]);
    assert.equal((claims["exp"] as number) - (claims["iat"] as number), 3600);
    assert.deepEqual(claims["kubernetes.io"], { namespace: NS, serviceaccount: { name: "builder", uid: sa.metadata.uid } });

    assert.equal(await whoami(res.status?.token ?? ""), "system:serviceaccount:default:builder");
  });

  it("serves the subresource as create only, listed in discovery", T, async () => {
    const res = await s.request("/api/v1");
    assert.equal(res.status, 200);
    const list = res.json<{ resources: { name: string; verbs: string[]; kind: string; group?: string; version?: string }[] }>();
    const token = list.resources.find((r) => r.name === "serviceaccounts/token");
    assert.deepEqual(token && { verbs: token.verbs, kind: token.kind, group: token.group, version: token.version }, {
      verbs: ["create"],
      kind: "TokenRequest",
      group: "authentication.k8s.io",
      version: "v1",
    });
    expectStatus(await s.request(tokenPath("builder")), 405, "MethodNotAllowed");
  });

  it("refuses lifetimes under ten minutes or over 2^32 seconds, with upstream's messages", T, async () => {
    const short = expectStatus(await s.request(tokenPath("builder"), { method: "POST", body: tokenRequest({ expirationSeconds: 60 }) }), 422, "Invalid");
    assert.equal(
      short.message,
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    );
    const long = expectStatus(
      await s.request(tokenPath("builder"), { method: "POST", body: tokenRequest({ expirationSeconds: 2 ** 32 + 1 }) }),
      422,
      "Invalid",
    );
    assert.match(long.message ?? "", /spec\.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2\^32 seconds$/);
  });

  it("shortens a lifetime beyond --service-account-max-token-expiration, with a warning", T, async () => {
    const res = await s.request(tokenPath("builder"), { method: "POST", body: tokenRequest({ expirationSeconds: 2 * MAX_EXPIRATION }) });
    const issued = expectObject<TokenRequest>(res, 201);
    assert.equal(issued.spec?.expirationSeconds, MAX_EXPIRATION);
    assert.equal(res.headers["warning"], `299 - "requested expiration of ${2 * MAX_EXPIRATION} seconds shortened to ${MAX_EXPIRATION} seconds"`);
    const claims = claimsOf(issued.status?.token ?? "");
    assert.equal((claims["exp"] as number) - (claims["iat"] as number), MAX_EXPIRATION);
  });

  it("keeps the audiences asked for; such a token is not for this server", T, async () => {
    const issued = await requestToken("builder", { audiences: ["vault"] });
    assert.deepEqual(issued.spec?.audiences, ["vault"]);
    assert.deepEqual(claimsOf(issued.status?.token ?? "")["aud"], ["vault"]);
    assert.equal(await whoami(issued.status?.token ?? ""), 401);
  });

  it("checks names: a missing account is 404, a body naming another is 422", T, async () => {
    const missing = expectStatus(await s.request(tokenPath("nobody"), { method: "POST", body: tokenRequest() }), 404, "NotFound");
    assert.equal(missing.message, 'serviceaccounts "nobody" not found');
    const other = expectStatus(await s.request(tokenPath("builder"), { method: "POST", body: tokenRequest({}, { name: "other" }) }), 422, "Invalid");
    assert.equal(
      other.message,
      'TokenRequest.authentication.k8s.io "builder" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified',
    );
  });

  it("binds a token to a pod: the pod's node is recorded, and the token dies with the pod", T, async () => {
    await account("runner");
    const node = expectObject(await s.request("/api/v1/nodes", { method: "POST", body: { apiVersion: "v1", kind: "Node", metadata: { name: "n1" } } }), 201);
    const pod = await create("pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web" },
      spec: { serviceAccountName: "runner", nodeName: "n1", containers: [{ name: "app", image: "nginx" }] },
    });
    const issued = await requestToken("runner", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "web", uid: pod.metadata.uid } });
    const k8s = claimsOf(issued.status?.token ?? "")["kubernetes.io"];
    assert.deepEqual(k8s["pod"], { name: "web", uid: pod.metadata.uid });
    assert.deepEqual(k8s["node"], { name: "n1", uid: node.metadata.uid });
    assert.equal(await whoami(issued.status?.token ?? ""), "system:serviceaccount:default:runner");

    expectObject(await s.request(path("pods", "web"), { method: "DELETE", body: { gracePeriodSeconds: 0 } }), 200);
    assert.equal(await whoami(issued.status?.token ?? ""), 401);
  });

  it("refuses a pod of another account, a stale uid and kinds it cannot bind to", T, async () => {
    await create("pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "other" }, spec: { serviceAccountName: "builder", containers: [{ name: "app", image: "nginx" }] } });
    const wrongAccount = expectStatus(
      await s.request(tokenPath("runner"), { method: "POST", body: tokenRequest({ boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "other" } }) }),
      400,
      "BadRequest",
    );
    assert.equal(wrongAccount.message, 'cannot bind token for serviceaccount "runner" to pod running with different serviceaccount name.');

    const stale = expectStatus(
      await s.request(tokenPath("builder"), { method: "POST", body: tokenRequest({ boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "other", uid: "old" } }) }),
      409,
      "Conflict",
    );
    assert.equal(
      stale.message,
      'Operation cannot be fulfilled on Pod "other": the UID in the bound object reference (old) does not match the UID in record. The object might have been deleted and then recreated',
    );

    const configMap = expectStatus(
      await s.request(tokenPath("builder"), { method: "POST", body: tokenRequest({ boundObjectRef: { kind: "ConfigMap", apiVersion: "v1", name: "c" } }) }),
      400,
      "BadRequest",
    );
    assert.equal(configMap.message, "cannot bind token to object of type /v1, Kind=ConfigMap");
    const missing = expectStatus(
      await s.request(tokenPath("builder"), { method: "POST", body: tokenRequest({ boundObjectRef: { kind: "Secret", apiVersion: "v1", name: "nope" } }) }),
      404,
      "NotFound",
    );
    assert.equal((missing as Status).message, 'secrets "nope" not found');
  });

  it("binds to a Secret or a Node: the token dies with it", T, async () => {
    const secret = await create("secrets", { apiVersion: "v1", kind: "Secret", metadata: { name: "bound" } });
    const bySecret = await requestToken("builder", { boundObjectRef: { kind: "Secret", apiVersion: "v1", name: "bound", uid: secret.metadata.uid } });
    assert.deepEqual(claimsOf(bySecret.status?.token ?? "")["kubernetes.io"]["secret"], { name: "bound", uid: secret.metadata.uid });
    assert.equal(await whoami(bySecret.status?.token ?? ""), "system:serviceaccount:default:builder");
    expectObject(await s.request(path("secrets", "bound"), { method: "DELETE" }), 200);
    assert.equal(await whoami(bySecret.status?.token ?? ""), 401);

    await s.request("/api/v1/nodes", { method: "POST", body: { apiVersion: "v1", kind: "Node", metadata: { name: "n2" } } });
    const byNode = await requestToken("builder", { boundObjectRef: { kind: "Node", apiVersion: "v1", name: "n2" } });
    assert.equal(await whoami(byNode.status?.token ?? ""), "system:serviceaccount:default:builder");
    expectObject(await s.request("/api/v1/nodes/n2", { method: "DELETE" }), 200);
    assert.equal(await whoami(byNode.status?.token ?? ""), 401);
  });

  it("keeps a pod's projected token (3607 s, API audiences) valid for a year, warning after the hour", T, async () => {
    const pod = await create("pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "projected" },
      spec: { serviceAccountName: "builder", containers: [{ name: "app", image: "nginx" }] },
    });
    const issued = await requestToken("builder", { expirationSeconds: 3607, boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "projected", uid: pod.metadata.uid } });
    const claims = claimsOf(issued.status?.token ?? "");
    const iat = claims["iat"] as number;
    assert.equal((claims["exp"] as number) - iat, 365 * 24 * 3600);
    assert.equal(claims["kubernetes.io"]["warnafter"], iat + 3607);
    // The answer shows the lifetime asked for, not the extended one.
    assert.equal(issued.spec?.expirationSeconds, 3607);
    assert.equal(Date.parse(issued.status?.expirationTimestamp ?? "") / 1000, iat + 3607);
  });

  it("a token stops working when its account is deleted, and stays dead when the account is made again", T, async () => {
    await account("shortlived");
    const issued = await requestToken("shortlived");
    assert.equal(await whoami(issued.status?.token ?? ""), "system:serviceaccount:default:shortlived");
    expectObject(await s.request(path("serviceaccounts", "shortlived"), { method: "DELETE" }), 200);
    assert.equal(await whoami(issued.status?.token ?? ""), 401);
    await account("shortlived");
    assert.equal(await whoami(issued.status?.token ?? ""), 401);
  });

  it("an expired token signed with the server's key is refused", T, async () => {
    const sa = expectObject(await s.request(path("serviceaccounts", "builder")), 200);
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = signJWT(
      {
        iss: TEST_ISSUER,
        sub: "system:serviceaccount:default:builder",
        aud: [TEST_ISSUER],
        iat: past,
        nbf: past,
        exp: past + 600,
        "kubernetes.io": { namespace: NS, serviceaccount: { name: "builder", uid: sa.metadata.uid ?? "" } },
      },
      s.signingKey!,
    );
    assert.equal(await whoami(expired), 401);
  });
});

describe("service account issuer discovery", () => {
  it("serves the OpenID configuration and the key set that verifies the tokens", T, async () => {
    const config = await s.request("/.well-known/openid-configuration");
    assert.equal(config.status, 200);
    assert.equal(config.headers["content-type"], "application/json");
    assert.equal(config.headers["cache-control"], "public, max-age=3600");
    assert.deepEqual(config.json(), {
      issuer: TEST_ISSUER,
      jwks_uri: `${TEST_ISSUER}/openid/v1/jwks`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
    const jwks = await s.request("/openid/v1/jwks");
    assert.equal(jwks.headers["content-type"], "application/jwk-set+json");
    const { keys } = jwks.json<{ keys: { kid: string; alg: string; use: string; kty: string }[] }>();
    const issued = await requestToken("builder");
    const header = JSON.parse(Buffer.from((issued.status?.token ?? "").split(".")[0] ?? "", "base64url").toString("utf8")) as { kid: string };
    assert.deepEqual(
      keys.map((k) => ({ kid: k.kid, alg: k.alg, use: k.use, kty: k.kty })),
      [{ kid: header.kid, alg: "RS256", use: "sig", kty: "RSA" }],
    );
  });
});
