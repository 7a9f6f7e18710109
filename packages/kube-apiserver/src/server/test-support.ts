// A real kube-apiserver for HTTP tests: the embedded store in a temporary
// directory, a fresh CA with a serving certificate and an admin client
// certificate (system:masters), listening on a free 127.0.0.1 port, ready
// (every post-start hook finished) when `startTestServer` resolves.

import assert from "node:assert/strict";
import https from "node:https";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubeObject, Status } from "@tskube/apimachinery";
import {
  AlwaysDenyAuthorizer,
  type CertificateAndKey,
  type GenericAPIServer,
  X509Authenticator,
  generateCA,
  generateClientCert,
  generateServingCert,
  silentLogger,
} from "@tskube/generic-apiserver";
import { openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "../registry/storage-factory.js";
import { type KubeAPIServerConfig, createKubeAPIServer } from "./kube-apiserver.js";

export interface TestResponse {
  status: number;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface TestServer {
  server: GenericAPIServer;
  ca: CertificateAndKey;
  /** One request as the admin; objects in `body` are sent as JSON. */
  request(path: string, opts?: { method?: string; body?: unknown; contentType?: string }): Promise<TestResponse>;
  close(): Promise<void>;
}

export async function startTestServer(opts: Pick<KubeAPIServerConfig, "admission" | "clusterAuthentication"> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-kube-apiserver-"));
  const kv = openEmbeddedDriver({ dataDir });
  const storage = new StorageFactory({ kv });
  const ca = await generateCA({ commonName: "test-ca" });
  const [serving, admin] = await Promise.all([generateServingCert(ca), generateClientCert(ca, { user: "admin", groups: ["system:masters"] })]);
  const server = createKubeAPIServer({
    storage,
    rootCA: ca.cert,
    ...opts,
    generic: {
      serving: { cert: serving.cert, key: serving.key },
      authentication: { authenticators: [new X509Authenticator({ clientCA: ca.cert })] },
      authorization: { authorizer: new AlwaysDenyAuthorizer() },
      shutdown: { timeoutMs: 2_000 },
      logger: silentLogger,
      processMetrics: false,
    },
  });
  await server.listen();
  const agent = new https.Agent({ keepAlive: true, ca: ca.cert, cert: admin.cert, key: admin.key });
  const request: TestServer["request"] = (path, { method = "GET", body, contentType } = {}) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const headers: Record<string, string> = payload === undefined ? {} : { "Content-Type": contentType ?? "application/json", "Content-Length": String(Buffer.byteLength(payload)) };
    return new Promise((resolve, reject) => {
      const req = https.request({ host: "127.0.0.1", port: server.port, path, method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, text, json: <T>() => JSON.parse(text) as T });
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
    ca,
    request,
    async close() {
      await server.shutdown();
      agent.destroy();
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
