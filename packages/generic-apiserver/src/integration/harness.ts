// The integration tests' server: a GenericAPIServer serving the example group
// (example-group.ts) over real HTTPS, on the embedded store behind the watch
// cache, with an x509 admin in system:masters. Clients: a KubeConfig for
// @kubernetes/client-node, and raw HTTPS requests and watches for what the
// tests want to see on the wire.

import type { ClientRequest, IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import type { ProtobufDecoders } from "@tskube/apimachinery";
import { type CacherOptions, type EmbeddedDriver, openEmbeddedDriver } from "@tskube/storage";
import type { AdmissionPlugin } from "../admission/interfaces.js";
import { X509Authenticator } from "../authentication/x509.js";
import { AlwaysDenyAuthorizer } from "../authorization/always.js";
import { parseWarning } from "../endpoints/test-support.js";
import { storageHealthCheck } from "../health/storage-check.js";
import type { APIGroupInfo } from "../server/api-group.js";
import { type CertificateAndKey, generateCA, generateClientCert, generateServingCert } from "../server/certs.js";
import type { LimitsConfig } from "../server/config.js";
import { silentLogger } from "../server/logger.js";
import { GenericAPIServer } from "../server/server.js";
import { exampleGroup } from "./example-group.js";

export interface IntegrationPKI {
  ca: CertificateAndKey;
  serving: CertificateAndKey;
  /** CN=admin, O=system:masters: allowed everything. */
  admin: CertificateAndKey;
}

export async function createPKI(): Promise<IntegrationPKI> {
  const ca = await generateCA({ commonName: "integration-ca" });
  const [serving, admin] = await Promise.all([
    generateServingCert(ca),
    generateClientCert(ca, { user: "admin", groups: ["system:masters"] }),
  ]);
  return { ca, serving, admin };
}

export interface StartOptions {
  /** Groups to install besides the example group. */
  extraGroups?: APIGroupInfo[];
  limits?: LimitsConfig;
  /** Watch cache tuning, over the harness's (1 s wait for fresh revisions, bookmarks every 250 ms). */
  cacher?: Omit<CacherOptions, "resourcePrefix">;
  /** Protobuf decoders for the server (none: JSON and YAML bodies only). */
  protobuf?: ProtobufDecoders;
  /** Admission plugins; default none. */
  admission?: AdmissionPlugin[];
}

export interface IntegrationServer {
  server: GenericAPIServer;
  kv: EmbeddedDriver;
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** A kubeconfig for the admin, built in code. */
  kubeConfig: KubeConfig;
  /** One HTTPS request as the admin, on a keep-alive connection. */
  request(path: string, opts?: RequestOptions): Promise<Response>;
  /** Opens a watch (or any streamed GET) as the admin. */
  openStream(path: string, headers?: Record<string, string>): Promise<Stream>;
  /** Shuts the server down, then closes the store and removes its directory. */
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 (a free port). Upstream's timings are
 * shortened where a test would otherwise wait: a resourceVersion the watch
 * cache has not reached fails after 1 s instead of 3 s, and watchers that
 * allow bookmarks get one every 250 ms instead of every minute.
 */
export async function startIntegrationServer(pki: IntegrationPKI, opts: StartOptions = {}): Promise<IntegrationServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-integration-"));
  const kv = openEmbeddedDriver({ dataDir });
  const cacher: Omit<CacherOptions, "resourcePrefix"> = {
    waitForFreshTimeoutMs: 1000,
    bookmarkIntervalMs: 250,
    log: () => {},
    ...opts.cacher,
  };
  const example = exampleGroup(kv, { enabled: true, cacher });
  const server = new GenericAPIServer({
    name: "example-apiserver",
    serving: { cert: pki.serving.cert, key: pki.serving.key },
    authentication: { authenticators: [new X509Authenticator({ clientCA: pki.ca.cert })] },
    // Only system:masters (the admin) gets anything done.
    authorization: { authorizer: new AlwaysDenyAuthorizer() },
    healthChecks: [storageHealthCheck(() => kv.currentRevision())],
    shutdown: { timeoutMs: 2000 },
    logger: silentLogger,
    processMetrics: false,
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.protobuf ? { protobuf: opts.protobuf } : {}),
    ...(opts.admission ? { admission: { plugins: opts.admission } } : {}),
  });
  server.installAPIGroup(example.info);
  for (const group of opts.extraGroups ?? []) server.installAPIGroup(group);
  await server.listen();

  const url = `https://127.0.0.1:${server.port}`;
  const agent = new https.Agent({ keepAlive: true, ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key });
  const streams = new Set<ClientRequest>();
  return {
    server,
    kv,
    url,
    kubeConfig: adminKubeConfig(url, pki),
    request: (path, requestOpts) => send(agent, server.port, path, requestOpts),
    openStream: (path, headers) => openStream(agent, server.port, path, headers ?? {}, streams),
    async close() {
      for (const stream of streams) stream.destroy();
      await server.shutdown();
      agent.destroy();
      example.destroy();
      await kv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A kubeconfig with one cluster, one user (the admin's client certificate) and one context. */
export function adminKubeConfig(server: string, pki: IntegrationPKI): KubeConfig {
  const base64 = (pem: string | Buffer) => Buffer.from(pem).toString("base64");
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "example", server, caData: base64(pki.ca.cert), skipTLSVerify: false }],
    users: [{ name: "admin", certData: base64(pki.admin.cert), keyData: base64(pki.admin.key) }],
    contexts: [{ name: "admin@example", cluster: "example", user: "admin", namespace: "default" }],
    currentContext: "admin@example",
  });
  return kc;
}

// ---- raw HTTPS ----------------------------------------------------------------

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON (with Content-Type application/json). */
  body?: unknown;
}

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  /** Each Warning header's text, unquoted. */
  warnings: string[];
  text: string;
  json<T = Record<string, unknown>>(): T;
}

function send(agent: https.Agent, port: number, path: string, opts: RequestOptions = {}): Promise<Response> {
  const raw = opts.body;
  const body = raw === undefined || typeof raw === "string" || Buffer.isBuffer(raw) ? raw : JSON.stringify(raw);
  const chunked = Object.keys(opts.headers ?? {}).some((name) => name.toLowerCase() === "transfer-encoding");
  const headers: Record<string, string> = {
    ...(body !== undefined && body !== raw ? { "Content-Type": "application/json" } : {}),
    // Node sends a DELETE body unframed unless its length is given.
    ...(body !== undefined && !chunked ? { "Content-Length": String(Buffer.byteLength(body)) } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = https.request({ host: "127.0.0.1", port, path, method: opts.method ?? "GET", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          warnings: warningsOf(res.rawHeaders),
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

function warningsOf(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === "warning") out.push(parseWarning(Buffer.from(rawHeaders[i + 1]!, "latin1").toString("utf8")));
  }
  return out;
}

// ---- streams (watches) -------------------------------------------------------------

export interface WatchLine {
  type: string;
  object: Record<string, unknown> & { metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> } };
}

/** A streamed response read line by line. */
export interface Stream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The raw chunks as they arrived (to check the framing). */
  chunks: string[];
  /** The next line parsed as a watch event; rejects after `timeoutMs` or when the stream ends first. */
  next(timeoutMs?: number): Promise<WatchLine>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  close(): void;
}

function openStream(
  agent: https.Agent,
  port: number,
  path: string,
  headers: Record<string, string>,
  open: Set<ClientRequest>,
): Promise<Stream> {
  return new Promise((resolve, reject) => {
    // A connection of its own: a watch holds it for as long as it lasts.
    const { ca, cert, key } = agent.options;
    const req = https.request({ host: "127.0.0.1", port, path, headers, ca, cert, key, agent: false });
    open.add(req);
    req.on("close", () => open.delete(req));
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: string[] = [];
      const lines: string[] = [];
      let partial = "";
      let done = false;
      let wake: (() => void) | undefined;
      const ended = new Promise<void>((resolveEnded) => {
        res.on("close", () => {
          done = true;
          wake?.();
          resolveEnded();
        });
      });
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        chunks.push(chunk);
        partial += chunk;
        for (let nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
          lines.push(partial.slice(0, nl));
          partial = partial.slice(nl + 1);
        }
        wake?.();
      });
      res.on("error", () => {});
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        chunks,
        ended,
        close: () => req.destroy(),
        async next(timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          while (lines.length === 0) {
            if (done) throw new Error("the stream ended");
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no line within ${timeoutMs}ms`);
            await new Promise<void>((wakeUp) => {
              const timer = setTimeout(wakeUp, left);
              wake = () => {
                clearTimeout(timer);
                wakeUp();
              };
            });
            wake = undefined;
          }
          return JSON.parse(lines.shift()!) as WatchLine;
        },
      });
    });
    req.end();
  });
}
