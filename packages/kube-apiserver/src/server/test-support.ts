// A real kube-apiserver for HTTP tests: the embedded store in a temporary
// directory, a fresh CA with a serving certificate and an admin client
// certificate (system:masters), listening on a free 127.0.0.1 port, ready
// (every post-start hook finished) when `startTestServer` resolves.
// Optionally it also issues and accepts ServiceAccount tokens (a fresh RSA
// key, issuer TEST_ISSUER) and accepts static bearer tokens; a request can
// then be sent with a token instead of the admin's certificate.

import assert from "node:assert/strict";
import { type KeyObject, createPublicKey, generateKeyPairSync } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubeObject, Status } from "@tskube/apimachinery";
import {
  AlwaysDenyAuthorizer,
  AudienceAgnosticTokenAuthenticator,
  type Authenticator,
  type Authorizer,
  BearerTokenAuthenticator,
  type CertificateAndKey,
  type GenericAPIServer,
  StaticTokenAuthenticator,
  type TokenAuthenticator,
  TokenAuthenticatorUnion,
  type UserInfo,
  X509Authenticator,
  generateCA,
  generateClientCert,
  generateServingCert,
  consoleLogger,
  silentLogger,
} from "@tskube/generic-apiserver";
import { openEmbeddedDriver } from "@tskube/storage";
import { RBACAuthorizer } from "../rbac/authorizer.js";
import { StorageFactory } from "../registry/storage-factory.js";
import { storageTokenObjects } from "../serviceaccount/object-lookups.js";
import { ServiceAccountTokenAuthenticator } from "../serviceaccount/token-authenticator.js";
import { ServiceAccountTokenIssuer } from "../serviceaccount/token-issuer.js";
import { type KubeAPIServerConfig, type ServiceAccountTokensConfig, createKubeAPIServer } from "./kube-apiserver.js";

/** The service account issuer (and so the API audience) of a test server that issues tokens. */
export const TEST_ISSUER = "https://kubernetes.default.svc.cluster.local";

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface TestServerOptions extends Pick<KubeAPIServerConfig, "admission" | "clusterAuthentication"> {
  /** Issue and accept ServiceAccount tokens; the other settings of serviceaccounts/token. */
  serviceAccountTokens?: Pick<ServiceAccountTokensConfig, "maxExpirationSeconds" | "extendExpiration">;
  /** Static bearer tokens and their users (as --token-auth-file gives them). */
  staticTokens?: Record<string, UserInfo>;
  /** Who may do what, besides system:masters. Default: no one. */
  authorizer?: Authorizer;
  /** Authorize with RBAC (and its bootstrap policy) rather than `authorizer`. */
  rbac?: boolean;
}

export interface TestServer {
  server: GenericAPIServer;
  ca: CertificateAndKey;
  /** The server's storage (to put in objects validation would refuse). */
  storage: StorageFactory;
  /** The key tokens are signed with, when the server issues them. */
  signingKey?: KeyObject;
  /**
   * One request, as the admin (its client certificate) unless a bearer
   * `token` is given (then without a certificate); objects in `body` are
   * sent as JSON. With `as`, the admin impersonates that user (and groups),
   * so the request is authorized as theirs.
   */
  request(
    path: string,
    opts?: { method?: string; body?: unknown; contentType?: string; token?: string; accept?: string; as?: { user: string; groups?: string[] } },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-kube-apiserver-"));
  const kv = openEmbeddedDriver({ dataDir });
  const storage = new StorageFactory({ kv });
  const ca = await generateCA({ commonName: "test-ca" });
  const [serving, admin] = await Promise.all([generateServingCert(ca), generateClientCert(ca, { user: "admin", groups: ["system:masters"] })]);
  const tokenAuthenticators: TokenAuthenticator[] = [];
  if (opts.staticTokens) tokenAuthenticators.push(new AudienceAgnosticTokenAuthenticator([TEST_ISSUER], new StaticTokenAuthenticator(opts.staticTokens)));
  let serviceAccountTokens: ServiceAccountTokensConfig | undefined;
  let signingKey: KeyObject | undefined;
  if (opts.serviceAccountTokens) {
    signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const publicKeys = [createPublicKey(signingKey)];
    serviceAccountTokens = {
      ...opts.serviceAccountTokens,
      issuer: new ServiceAccountTokenIssuer(TEST_ISSUER, signingKey),
      publicKeys,
      jwksURI: `${TEST_ISSUER}/openid/v1/jwks`,
    };
    tokenAuthenticators.push(new ServiceAccountTokenAuthenticator({ issuers: [TEST_ISSUER], publicKeys, objects: storageTokenObjects(storage) }));
  }
  const authenticators: Authenticator[] = [new X509Authenticator({ clientCA: ca.cert })];
  if (tokenAuthenticators.length > 0) authenticators.push(new BearerTokenAuthenticator(tokenAuthenticators));
  const rbac = opts.rbac ? new RBACAuthorizer() : undefined;
  const server = createKubeAPIServer({
    storage,
    rootCA: ca.cert,
    ...(opts.admission ? { admission: opts.admission } : {}),
    ...(opts.clusterAuthentication ? { clusterAuthentication: opts.clusterAuthentication } : {}),
    ...(serviceAccountTokens ? { serviceAccountTokens } : {}),
    ...(rbac ? { rbacAuthorizer: rbac } : {}),
    authentication: { apiAudiences: [TEST_ISSUER], tokenAuthenticator: new TokenAuthenticatorUnion(tokenAuthenticators) },
    generic: {
      serving: { cert: serving.cert, key: serving.key },
      authentication: { authenticators },
      authorization: rbac ? { authorizer: rbac, alwaysAllowPaths: [] } : { authorizer: opts.authorizer ?? new AlwaysDenyAuthorizer() },
      shutdown: { timeoutMs: 2_000 },
      logger: process.env["TEST_LOG"] ? consoleLogger : silentLogger,
      processMetrics: false,
    },
  });
  await server.listen();
  const agent = new https.Agent({ keepAlive: true, ca: ca.cert, cert: admin.cert, key: admin.key });
  const tokenAgent = new https.Agent({ keepAlive: true, ca: ca.cert });
  const request: TestServer["request"] = (path, { method = "GET", body, contentType, token, accept, as } = {}) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const headers: Record<string, string | string[]> = payload === undefined ? {} : { "Content-Type": contentType ?? "application/json", "Content-Length": String(Buffer.byteLength(payload)) };
    if (token !== undefined) headers["Authorization"] = `Bearer ${token}`;
    if (accept !== undefined) headers["Accept"] = accept;
    if (as) {
      headers["Impersonate-User"] = as.user;
      if (as.groups?.length) headers["Impersonate-Group"] = as.groups;
    }
    return new Promise((resolve, reject) => {
      const req = https.request({ host: "127.0.0.1", port: server.port, path, method, headers, agent: token === undefined ? agent : tokenAgent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      });
      req.on("error", reject);
      req.end(payload);
    });
  };
  const ready = await eventually(async () => (await request("/readyz")).status === 200, 10_000);
  assert.ok(ready, "the server became ready");
  return {
    server,
    storage,
    ca,
    ...(signingKey ? { signingKey } : {}),
    request,
    async close() {
      await server.shutdown();
      agent.destroy();
      tokenAgent.destroy();
      storage.destroy();
      await kv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `condition` every 20 ms until it holds (true) or `timeoutMs` passes (false). */
export async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The response is a failure Status with this code and reason; returns the Status. */
export function expectStatus(res: TestResponse, code: number, reason: string): Status {
  assert.equal(res.status, code, `expected ${code}, got ${res.status}: ${res.text}`);
  const status = res.json<Status>();
  assert.equal(status.kind, "Status");
  assert.equal(status.reason, reason, res.text);
  return status;
}

/** The response has this code; returns its object. */
export function expectObject<T extends KubeObject = KubeObject>(res: TestResponse, code: number): T {
  assert.equal(res.status, code, `expected ${code}, got ${res.status}: ${res.text}`);
  return res.json<T>();
}
