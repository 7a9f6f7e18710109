// Authentication against the real binary, driven by kubectl: who the admin
// is (`kubectl auth whoami`), ServiceAccount tokens from `kubectl create
// token` (used with --token; refused once the account or bound object is
// gone, or the token has expired), static tokens from --token-auth-file and
// the file being read again when it changes, TokenReview, the OpenID
// discovery documents, client certificates that are expired or from another
// CA, `kubectl --as`, --anonymous-auth, and --anonymous-auth=false with a chain
// of authorizers (RBAC,AlwaysDeny).

import assert from "node:assert/strict";
import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateCA, generateClientCert } from "@tskube/generic-apiserver";
import { parse as parseYAML } from "yaml";
import { type RunningAPIServer, hasKubectl, startAPIServer } from "./support/apiserver.js";
import { type Kubectl, kubectlFor, mustSucceed } from "./support/kubectl.js";

const T = { timeout: 60_000 };
const ISSUER = "https://kubernetes.default.svc.cluster.local";
const NS = "x";
const UNAUTHORIZED = /error: You must be logged in to the server \(Unauthorized\)/;

interface WhoAmI {
  status: { userInfo: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> } };
}

interface AdminKubeconfig {
  clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
}

/** The payload or header of a JWT. */
function jwtPart(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[index] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Polls until `check` holds, or fails after `timeoutMs`. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("authentication", { skip: !hasKubectl() }, () => {
  let server: RunningAPIServer;
  let dir: string;
  let tokenFile: string;
  let admin: (args: string[], opts?: { input?: string }) => Promise<string>;
  /** A kubectl whose kubeconfig names the server and its CA but no user: credentials come from the arguments. */
  let anonymous: Kubectl;
  let caData: string;
  let serverURL: string;

  /** kubectl with a bearer token. */
  const withToken = (token: string, args: string[]) => anonymous([`--token=${token}`, ...args]);
  /** Who the token authenticates as, or kubectl's error. */
  async function whoami(token: string): Promise<WhoAmI["status"]["userInfo"] | string> {
    const result = await withToken(token, ["auth", "whoami", "-o", "json"]);
    return result.code === 0 ? (JSON.parse(result.stdout) as WhoAmI).status.userInfo : result.stderr;
  }

  /** A kubeconfig for this server with a client certificate. */
  function certificateKubeconfig(name: string, cert: string, key: string): string {
    const path = join(dir, `${name}.kubeconfig`);
    const b64 = (pem: string) => Buffer.from(pem).toString("base64");
    writeFileSync(
      path,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${serverURL}\n    certificate-authority-data: ${caData}\n` +
        `users:\n- name: u\n  user:\n    client-certificate-data: ${b64(cert)}\n    client-key-data: ${b64(key)}\n` +
        "contexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\n",
    );
    return path;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tskube-authn-"));
    tokenFile = join(dir, "tokens.csv");
    writeFileSync(tokenFile, 'alice-token,alice,1001,"dev,ops"\n');
    server = await startAPIServer({ args: ["--token-auth-file", tokenFile, "--service-account-max-token-expiration", "24h"] });
    admin = mustSucceed(kubectlFor(server.kubeconfig));
    const kubeconfig = parseYAML(readFileSync(server.kubeconfig, "utf8")) as AdminKubeconfig;
    caData = kubeconfig.clusters[0]?.cluster["certificate-authority-data"] ?? "";
    serverURL = kubeconfig.clusters[0]?.cluster.server ?? "";
    const clusterOnly = join(dir, "cluster-only.kubeconfig");
    writeFileSync(
      clusterOnly,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${serverURL}\n    certificate-authority-data: ${caData}\n` +
        "users:\n- name: nobody\n  user: {}\ncontexts:\n- name: c\n  context: {cluster: c, user: nobody}\ncurrent-context: c\n",
    );
    anonymous = kubectlFor(clusterOnly);
    await admin(["create", "namespace", NS]);
    // The service account controller gives every namespace its default account.
    await eventually("the default ServiceAccount", async () => (await kubectlFor(server.kubeconfig)(["get", "sa", "default", "-n", NS])).code === 0);
  });
  after(async () => {
    await server?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("kubectl auth whoami: the admin's certificate", T, async () => {
    const out = await admin(["auth", "whoami"]);
    assert.deepEqual(
      out.trim().split("\n").map((line) => line.trim().split(/\s{2,}/)),
      [
        ["ATTRIBUTE", "VALUE"],
        ["Username", "admin"],
        ["Groups", "[system:masters system:authenticated]"],
      ],
    );
  });

  it("kubectl create token: the token authenticates as the service account", T, async () => {
    const token = (await admin(["create", "token", "default", "-n", NS])).trim();
    const claims = jwtPart(token, 1);
    assert.equal(claims["iss"], ISSUER);
    assert.deepEqual(claims["aud"], [ISSUER]);
    assert.equal((claims["exp"] as number) - (claims["iat"] as number), 3600);

    const user = await whoami(token);
    assert.ok(typeof user === "object", String(user));
    assert.equal(user.username, `system:serviceaccount:${NS}:default`);
    assert.deepEqual(user.groups, ["system:serviceaccounts", `system:serviceaccounts:${NS}`, "system:authenticated"]);
    const uid = (await admin(["get", "sa", "default", "-n", NS, "-o", "jsonpath={.metadata.uid}"])).trim();
    assert.equal(user.uid, uid);
    assert.deepEqual(user.extra?.["authentication.kubernetes.io/credential-id"], [`JTI=${String(claims["jti"])}`]);

    // The table form prints the same, and the token works for ordinary requests too.
    const table = (await withToken(token, ["auth", "whoami"])).stdout;
    assert.match(table, new RegExp(`Username\\s+system:serviceaccount:${NS}:default`));
    const list = await withToken(token, ["get", "configmaps", "-n", NS, "-o", "name"]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /configmap\/kube-root-ca\.crt/);
  });

  it("kubectl create token --duration: under ten minutes is refused, beyond the maximum shortened with a warning", T, async () => {
    const short = await kubectlFor(server.kubeconfig)(["create", "token", "default", "-n", NS, "--duration=1m"]);
    assert.notEqual(short.code, 0);
    assert.match(
      short.stderr,
      /TokenRequest\.authentication\.k8s\.io "" is invalid: spec\.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes/,
    );
    const long = await kubectlFor(server.kubeconfig)(["create", "token", "default", "-n", NS, "--duration=48h"]);
    assert.equal(long.code, 0, long.stderr);
    assert.match(long.stderr, /Warning: requested expiration of 172800 seconds shortened to 86400 seconds/);
    const claims = jwtPart(long.stdout.trim(), 1);
    assert.equal((claims["exp"] as number) - (claims["iat"] as number), 86400);
  });

  it("a token of a deleted service account is refused (401), also once the account is made again", T, async () => {
    await admin(["create", "serviceaccount", "builder", "-n", NS]);
    const token = (await admin(["create", "token", "builder", "-n", NS, "--duration=2h"])).trim();
    assert.equal((await whoami(token) as { username?: string }).username, `system:serviceaccount:${NS}:builder`);
    await admin(["delete", "serviceaccount", "builder", "-n", NS]);
    assert.match(String(await whoami(token)), UNAUTHORIZED);
    await admin(["create", "serviceaccount", "builder", "-n", NS]);
    assert.match(String(await whoami(token)), UNAUTHORIZED);
  });

  it("a token bound to a Secret dies with the Secret", T, async () => {
    await admin(["create", "secret", "generic", "bound", "-n", NS, "--from-literal=k=v"]);
    const uid = (await admin(["get", "secret", "bound", "-n", NS, "-o", "jsonpath={.metadata.uid}"])).trim();
    const token = (
      await admin(["create", "token", "default", "-n", NS, "--bound-object-kind=Secret", "--bound-object-name=bound", `--bound-object-uid=${uid}`])
    ).trim();
    assert.deepEqual((jwtPart(token, 1)["kubernetes.io"] as Record<string, unknown>)["secret"], { name: "bound", uid });
    assert.equal((await whoami(token) as { username?: string }).username, `system:serviceaccount:${NS}:default`);
    await admin(["delete", "secret", "bound", "-n", NS]);
    assert.match(String(await whoami(token)), UNAUTHORIZED);
  });

  it("a token signed with the data dir's key: accepted while valid, refused (401) once expired", T, async () => {
    const signingKey = createPrivateKey(readFileSync(join(server.dataDir, "pki", "sa.key")));
    const kid = createHash("sha256").update(createPublicKey(signingKey).export({ type: "spki", format: "der" })).digest("base64url");
    const uid = (await admin(["get", "sa", "default", "-n", NS, "-o", "jsonpath={.metadata.uid}"])).trim();
    const signed = (issuedAt: number, lifetime: number) => {
      const header = Buffer.from(JSON.stringify({ alg: "RS256", kid })).toString("base64url");
      const payload = Buffer.from(
        JSON.stringify({
          aud: [ISSUER],
          exp: issuedAt + lifetime,
          iat: issuedAt,
          iss: ISSUER,
          "kubernetes.io": { namespace: NS, serviceaccount: { name: "default", uid } },
          nbf: issuedAt,
          sub: `system:serviceaccount:${NS}:default`,
        }),
      ).toString("base64url");
      const signature = sign("sha256", Buffer.from(`${header}.${payload}`), signingKey).toString("base64url");
      return `${header}.${payload}.${signature}`;
    };
    const now = Math.floor(Date.now() / 1000);
    assert.equal((await whoami(signed(now, 600)) as { username?: string }).username, `system:serviceaccount:${NS}:default`);
    assert.match(String(await whoami(signed(now - 7200, 600))), UNAUTHORIZED);
  });

  it("a static token user works, and adding a user to the file takes effect without a restart", T, async () => {
    assert.deepEqual(await whoami("alice-token"), { username: "alice", uid: "1001", groups: ["dev", "ops", "system:authenticated"] });
    assert.match(String(await whoami("bob-token")), UNAUTHORIZED);
    appendFileSync(tokenFile, "bob-token,bob,1002,qa\n");
    await eventually("bob's token to be accepted", async () => typeof (await whoami("bob-token")) === "object");
    assert.deepEqual(await whoami("bob-token"), { username: "bob", uid: "1002", groups: ["qa", "system:authenticated"] });
    assert.match(server.output(), /--token-auth-file .* changed: 2 token\(s\) loaded/);
  });

  it("TokenReview through kubectl create -f", T, async () => {
    const token = (await admin(["create", "token", "default", "-n", NS])).trim();
    const manifest = `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${token}\n`;
    // A kind without PATCH makes kubectl validate the manifest itself, from the protobuf /openapi/v2,
    // after listing CustomResourceDefinitions: both are served.
    const create = ["create", "-f", "-", "-o", "yaml"];
    const review = parseYAML(await admin(create, { input: manifest })) as {
      status: { authenticated: boolean; user: { username: string; groups: string[] }; audiences: string[] };
    };
    assert.equal(review.status.authenticated, true);
    assert.equal(review.status.user.username, `system:serviceaccount:${NS}:default`);
    assert.deepEqual(review.status.user.groups, ["system:serviceaccounts", `system:serviceaccounts:${NS}`, "system:authenticated"]);
    assert.deepEqual(review.status.audiences, [ISSUER]);

    const bad = parseYAML(await admin(create, { input: manifest.replace(token, "not-a-token") })) as {
      status: { authenticated?: boolean; error: string };
    };
    assert.equal(bad.status.authenticated, undefined);
    assert.equal(bad.status.error, "[invalid bearer token, invalid bearer token]");
  });

  it("serves the OpenID discovery documents, whose key verifies the tokens", T, async () => {
    const config = JSON.parse(await admin(["get", "--raw", "/.well-known/openid-configuration"])) as Record<string, unknown>;
    assert.deepEqual(config, {
      issuer: ISSUER,
      jwks_uri: `${serverURL}/openid/v1/jwks`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
    const jwks = JSON.parse(await admin(["get", "--raw", "/openid/v1/jwks"])) as { keys: (Record<string, string> & { kid: string })[] };
    assert.equal(jwks.keys.length, 1);
    const token = (await admin(["create", "token", "default", "-n", NS])).trim();
    const jwk = jwks.keys[0];
    assert.equal(jwk?.kid, jwtPart(token, 0)["kid"]);
    const key = createPublicKey({ key: { kty: jwk?.["kty"] ?? "", n: jwk?.["n"] ?? "", e: jwk?.["e"] ?? "" }, format: "jwk" });
    const [header, payload, signature] = token.split(".");
    assert.ok(verify("sha256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature ?? "", "base64url")), "the JWKS key verifies the token");
  });

  it("client certificates: an expired one and one from another CA are refused (401)", T, async () => {
    const ca = { cert: readFileSync(join(server.dataDir, "pki", "ca.crt"), "utf8"), key: readFileSync(join(server.dataDir, "pki", "ca.key"), "utf8") };
    const good = await generateClientCert(ca, { user: "carol", groups: ["dev"] });
    const expired = await generateClientCert(ca, { user: "carol", notBefore: new Date(Date.now() - 2 * 86400_000), notAfter: new Date(Date.now() - 86400_000) });
    const foreignCA = await generateCA({ commonName: "someone-else" });
    const foreign = await generateClientCert(foreignCA, { user: "carol" });
    const whoamiWith = (name: string, pair: { cert: string; key: string }) => kubectlFor(certificateKubeconfig(name, pair.cert, pair.key))(["auth", "whoami"]);

    const accepted = await whoamiWith("good", good);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.match(accepted.stdout, /Username\s+carol/);
    for (const [name, pair] of [["expired", expired], ["foreign", foreign]] as const) {
      const refused = await whoamiWith(name, pair);
      assert.notEqual(refused.code, 0, name);
      assert.match(refused.stderr, UNAUTHORIZED, name);
    }
  });

  it("kubectl --as: the admin impersonates, and whoami shows the impersonated user", T, async () => {
    const out = await admin(["auth", "whoami", "--as=jane", "--as-group=team", "--as-uid=42"]);
    assert.match(out, /Username\s+jane/);
    assert.match(out, /UID\s+42/);
    assert.match(out, /Groups\s+\[team system:authenticated\]/);
    const asAccount = JSON.parse(await admin(["auth", "whoami", `--as=system:serviceaccount:${NS}:default`, "-o", "json"])) as WhoAmI;
    assert.deepEqual(asAccount.status.userInfo.groups, ["system:serviceaccounts", `system:serviceaccounts:${NS}`, "system:authenticated"]);
  });

  it("--anonymous-auth is reset under AlwaysAllow, as upstream: requests without credentials get 401", T, async () => {
    assert.match(server.output(), /AnonymousAuth is not allowed with the AlwaysAllow authorizer\. Resetting AnonymousAuth to false/);
    assert.equal(await statusWithoutCredentials(server.port, "/readyz"), 401);
  });
});

describe("--anonymous-auth with an authorizer other than AlwaysAllow", { skip: !hasKubectl() }, () => {
  let server: RunningAPIServer;
  before(async () => {
    server = await startAPIServer({ args: ["--authorization-mode=AlwaysDeny"] });
  });
  after(() => server?.cleanup());

  it("a request without credentials is system:anonymous, and AlwaysDeny refuses it everything", T, async () => {
    assert.doesNotMatch(server.output(), /Resetting AnonymousAuth/);
    // As upstream: kube-apiserver has no always-allowed paths; only RBAC's system:public-info-viewer grants these.
    const version = await getWithoutCertificate(server.port, "/version");
    assert.equal(version.status, 403);
    assert.match((JSON.parse(version.body) as { message: string }).message, /User "system:anonymous" cannot get path "\/version"/);
    assert.equal(await statusWithoutCredentials(server.port, "/healthz"), 403);
    const { status, body } = await getWithoutCertificate(server.port, "/api/v1/namespaces");
    assert.equal(status, 403);
    assert.equal(
      (JSON.parse(body) as { message: string }).message,
      'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope: Everything is forbidden.',
    );
  });
});

describe("--anonymous-auth=false with a chain of authorizers (--authorization-mode=RBAC,AlwaysDeny)", { skip: !hasKubectl() }, () => {
  let server: RunningAPIServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tskube-authn-chain-"));
    const tokens = join(dir, "tokens.csv");
    writeFileSync(tokens, "dana-token,dana,2001\n");
    server = await startAPIServer({ args: ["--anonymous-auth=false", "--authorization-mode=RBAC,AlwaysDeny", `--token-auth-file=${tokens}`] });
  });
  after(async () => {
    await server?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a request without credentials is 401 everywhere, even where RBAC grants system:unauthenticated", T, async () => {
    for (const path of ["/version", "/healthz", "/api/v1/namespaces"]) {
      const { status, body } = await getWithoutCertificate(server.port, path);
      assert.equal(status, 401, path);
      assert.equal((JSON.parse(body) as { reason: string }).reason, "Unauthorized", path);
    }
  });

  it("RBAC decides first; what it does not allow falls to AlwaysDeny, whose reason ends the 403", T, async () => {
    const dana = (path: string) => getWithoutCertificate(server.port, path, "dana-token");
    assert.equal((await dana("/version")).status, 200, "system:public-info-viewer, bound to system:authenticated");
    const refused = await dana("/api/v1/namespaces");
    assert.equal(refused.status, 403);
    assert.equal(
      (JSON.parse(refused.body) as { message: string }).message,
      'namespaces is forbidden: User "dana" cannot list resource "namespaces" in API group "" at the cluster scope: Everything is forbidden.',
    );
    await mustSucceed(kubectlFor(server.kubeconfig))(["create", "clusterrolebinding", "dana-view", "--clusterrole=view", "--user=dana"]);
    assert.equal((await dana("/api/v1/namespaces")).status, 200, "allowed by RBAC once bound to view");
    assert.equal((await dana("/api/v1/secrets")).status, 403, "view does not grant secrets");
  });
});

/** A GET with no client certificate: anonymous, or with a bearer token. */
function getWithoutCertificate(port: number, path: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = token === undefined ? {} : { Authorization: `Bearer ${token}` };
    const req = request({ host: "127.0.0.1", port, path, headers, rejectUnauthorized: false, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function statusWithoutCredentials(port: number, path: string): Promise<number> {
  return (await getWithoutCertificate(port, path)).status;
}
