// ServiceAccount tokens: minted by the issuer, checked by the authenticator
// against the objects they name, and the keys published for others.

import assert from "node:assert/strict";
import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, it } from "node:test";
import { keyID, signJWT, verifyJWT } from "./jwt.js";
import { jsonWebKeySet } from "./oidc-discovery.js";
import { type LiveObject, type ServiceAccountTokenObjects, ServiceAccountTokenAuthenticator } from "./token-authenticator.js";
import { ServiceAccountTokenIssuer, type TokenClaimsRequest } from "./token-issuer.js";

const ISSUER = "https://kubernetes.default.svc.cluster.local";

function rsaKey(): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}

/** Objects that exist, by "<namespace>/<name>" (nodes by name): their uids, or the full record. */
function objects(live: {
  serviceAccounts?: Record<string, string | LiveObject>;
  pods?: Record<string, string>;
  nodes?: Record<string, string>;
}): ServiceAccountTokenObjects {
  const record = (value: string | LiveObject | undefined) => (typeof value === "string" ? { uid: value } : value);
  return {
    serviceAccount: async (ns, name) => record(live.serviceAccounts?.[`${ns}/${name}`]),
    pod: async (ns, name) => record(live.pods?.[`${ns}/${name}`]),
    secret: async () => undefined,
    node: async (name) => record(live.nodes?.[name]),
  };
}

type Live = Parameters<typeof objects>[0];

describe("ServiceAccount tokens", () => {
  const key = rsaKey();
  const publicKey = createPublicKey(key);
  const issuer = new ServiceAccountTokenIssuer(ISSUER, key);
  /** A token of dev/builder (uid sa-1) for the API, with `more` claims asked for. */
  const builderToken = (more: Partial<TokenClaimsRequest> = {}, by: ServiceAccountTokenIssuer = issuer) =>
    by.issue({ namespace: "dev", serviceAccount: { name: "builder", uid: "sa-1" }, audiences: [ISSUER], expirationSeconds: 3600, ...more }).token;
  /** An authenticator that sees the `live` objects and trusts `keys`. */
  const authenticatorFor = (live: Live, keys: KeyObject[] = [publicKey]) =>
    new ServiceAccountTokenAuthenticator({ issuers: [ISSUER], publicKeys: keys, objects: objects(live) });
  const builderLive: Live = { serviceAccounts: { "dev/builder": "sa-1" } };

  it("signs RS256 JWTs with upstream's key id and claims", () => {
    const issued = issuer.issue({ namespace: "dev", serviceAccount: { name: "builder", uid: "sa-1" }, audiences: [ISSUER], expirationSeconds: 3600 });
    const { header, claims } = verifyJWT(issued.token, [publicKey]);
    assert.deepEqual(header, { alg: "RS256", kid: keyID(publicKey) });
    assert.equal(claims["iss"], ISSUER);
    assert.equal(claims["sub"], "system:serviceaccount:dev:builder");
    assert.deepEqual(claims["aud"], [ISSUER]);
    assert.equal((claims["exp"] as number) - (claims["iat"] as number), 3600);
    assert.deepEqual(claims["kubernetes.io"], { namespace: "dev", serviceaccount: { name: "builder", uid: "sa-1" } });
    assert.match(issued.expirationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // A kid is base64url of SHA-256: 43 characters, no padding.
    assert.match(keyID(publicKey), /^[A-Za-z0-9_-]{43}$/);
  });

  it("authenticates a live service account's token as system:serviceaccount:<ns>:<name>", async () => {
    const authn = authenticatorFor({ ...builderLive, pods: { "dev/web": "pod-1" } });
    const result = await authn.authenticateToken(builderToken());
    assert.equal(result.kind, "user");
    if (result.kind !== "user") return;
    assert.deepEqual(result.audiences, [ISSUER]);
    assert.equal(result.user.name, "system:serviceaccount:dev:builder");
    assert.equal(result.user.uid, "sa-1");
    assert.deepEqual(result.user.groups, ["system:serviceaccounts", "system:serviceaccounts:dev"]);
    assert.match(result.user.extra?.["authentication.kubernetes.io/credential-id"]?.[0] ?? "", /^JTI=[0-9a-f-]{36}$/);

    const bound = await authn.authenticateToken(builderToken({ boundObject: { kind: "Pod", name: "web", uid: "pod-1" } }));
    assert.equal(bound.kind, "user");
    if (bound.kind === "user") {
      assert.deepEqual(bound.user.extra?.["authentication.kubernetes.io/pod-name"], ["web"]);
      assert.deepEqual(bound.user.extra?.["authentication.kubernetes.io/pod-uid"], ["pod-1"]);
    }
  });

  it("rejects a token once its service account is gone or recreated, or its bound object is", async () => {
    const token = builderToken();
    assert.deepEqual(await authenticatorFor({}).authenticateToken(token), { kind: "invalid", reason: 'serviceaccounts "builder" not found' });
    assert.deepEqual(await authenticatorFor({ serviceAccounts: { "dev/builder": "sa-2" } }).authenticateToken(token), {
      kind: "invalid",
      reason: "service account UID (sa-2) does not match claim (sa-1)",
    });
    // Being deleted (finalizers pending) for longer than the leeway counts as gone; just now does not.
    const deleting = (secondsAgo: number) =>
      authenticatorFor({ serviceAccounts: { "dev/builder": { uid: "sa-1", deletionTimestamp: new Date(Date.now() - secondsAgo * 1000).toISOString() } } });
    assert.deepEqual(await deleting(120).authenticateToken(token), { kind: "invalid", reason: "service account dev/builder has been deleted" });
    assert.equal((await deleting(5).authenticateToken(token)).kind, "user");

    const podToken = builderToken({ boundObject: { kind: "Pod", name: "web", uid: "pod-1" } });
    assert.deepEqual(await authenticatorFor(builderLive).authenticateToken(podToken), { kind: "invalid", reason: "service account token has been invalidated" });
    assert.deepEqual(await authenticatorFor({ ...builderLive, pods: { "dev/web": "pod-2" } }).authenticateToken(podToken), {
      kind: "invalid",
      reason: "pod UID (pod-2) does not match service account pod ref claim (pod-1)",
    });

    // A node-bound token dies with its node.
    const nodeToken = builderToken({ boundObject: { kind: "Node", name: "n1", uid: "node-1" } });
    const nodeUser = await authenticatorFor({ ...builderLive, nodes: { n1: "node-1" } }).authenticateToken(nodeToken);
    assert.equal(nodeUser.kind, "user");
    if (nodeUser.kind === "user") assert.deepEqual(nodeUser.user.extra?.["authentication.kubernetes.io/node-uid"], ["node-1"]);
    assert.deepEqual(await authenticatorFor(builderLive).authenticateToken(nodeToken), { kind: "invalid", reason: "service account token has been invalidated" });
  });

  it("rejects expired tokens, other audiences and other keys; leaves other issuers' tokens to others", async () => {
    const authn = authenticatorFor(builderLive);
    const longAgo = new ServiceAccountTokenIssuer(ISSUER, key, () => Date.now() - 2 * 3600_000);
    assert.deepEqual(await authn.authenticateToken(builderToken({ expirationSeconds: 600 }, longAgo)), {
      kind: "invalid",
      reason: "service account token has expired",
    });

    const vault = builderToken({ audiences: ["vault"] });
    assert.deepEqual(await authn.authenticateToken(vault), {
      kind: "invalid",
      reason: `token audiences ["vault"] is invalid for the target audiences ["${ISSUER}"]`,
    });
    // Asked about its own audiences (a TokenReview's spec.audiences), the same token is fine.
    const forVault = await authn.authenticateToken(vault, ["vault", "other"]);
    assert.equal(forVault.kind, "user");
    if (forVault.kind === "user") assert.deepEqual(forVault.audiences, ["vault"]);

    const forged = builderToken({}, new ServiceAccountTokenIssuer(ISSUER, rsaKey()));
    assert.deepEqual(await authn.authenticateToken(forged), { kind: "invalid", reason: "go-jose/go-jose: error in cryptographic primitive" });

    const foreign = signJWT(
      { iss: "https://accounts.example.com", sub: "x", aud: [ISSUER], exp: Date.now() / 1000 + 600, iat: 0, nbf: 0 },
      key,
    );
    assert.deepEqual(await authn.authenticateToken(foreign), { kind: "none" });
    assert.deepEqual(await authn.authenticateToken("not-a-jwt"), { kind: "none" });
    assert.equal((await authn.authenticateToken("a.b.c")).kind, "none");
  });

  it("signs with ECDSA keys as ES256/ES384/ES512, and verifies them", async () => {
    for (const [namedCurve, alg] of [["P-256", "ES256"], ["P-384", "ES384"], ["P-521", "ES512"]] as const) {
      const ecKey = generateKeyPairSync("ec", { namedCurve }).privateKey;
      const ecPublic = createPublicKey(ecKey);
      const token = builderToken({}, new ServiceAccountTokenIssuer(ISSUER, ecKey));
      assert.equal(verifyJWT(token, [ecPublic]).header.alg, alg);
      assert.equal((await authenticatorFor(builderLive, [publicKey, ecPublic]).authenticateToken(token)).kind, "user", alg);
      assert.equal(jsonWebKeySet([ecPublic]).keys[0]?.alg, alg);
    }
  });

  it("publishes the public keys as a JSON Web Key Set", () => {
    const set = jsonWebKeySet([publicKey]);
    assert.equal(set.keys.length, 1);
    const [jwk] = set.keys;
    assert.deepEqual({ use: jwk?.use, kty: jwk?.kty, alg: jwk?.alg, kid: jwk?.kid, e: jwk?.e }, { use: "sig", kty: "RSA", alg: "RS256", kid: keyID(publicKey), e: "AQAB" });
    // The key round-trips: a verifier can rebuild it from the set.
    const rebuilt = createPublicKey({ key: { kty: "RSA", n: jwk?.n ?? "", e: jwk?.e ?? "" }, format: "jwk" });
    assert.equal(keyID(rebuilt), keyID(publicKey));
  });
});
