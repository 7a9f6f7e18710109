// Test fixture: the apiextensions server on its own, listening on 127.0.0.1
// over HTTPS with an x509 admin in system:masters, on an embedded store with
// the watch cache; plus raw JSON requests as the admin.

import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import {
  type CertificateAndKey,
  X509Authenticator,
  AlwaysDenyAuthorizer,
  generateCA,
  generateClientCert,
  ServiceResolver,
  generateServingCert,
  serviceInformers,
  silentLogger,
} from "@tskube/generic-apiserver";
import { type APIExtensionsServer, createAPIExtensionsServer } from "../server/apiextensions-apiserver.js";
import { openTestStorage, type TestStorage } from "./registry.js";

export interface TestPKI {
  ca: CertificateAndKey;
  serving: CertificateAndKey;
  admin: CertificateAndKey;
}

export async function createTestPKI(): Promise<TestPKI> {
  const ca = await generateCA({ commonName: "apiextensions-test-ca" });
  const [serving, admin] = await Promise.all([generateServingCert(ca), generateClientCert(ca, { user: "admin", groups: ["system:masters"] })]);
  return { ca, serving, admin };
}

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  warnings: string[];
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestServer extends APIExtensionsServer {
  storage: TestStorage;
  request(path: string, opts?: RequestOptions): Promise<Response>;
  /** Polls `check` until it returns a value other than undefined (at most `timeoutMs`). */
  eventually<T>(check: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startTestServer(pki: TestPKI): Promise<TestServer> {
  const storage = openTestStorage({ watchCache: true });
  const apiextensions = createAPIExtensionsServer({
    generic: {
      serving: { cert: pki.serving.cert, key: pki.serving.key },
      authentication: { authenticators: [new X509Authenticator({ clientCA: pki.ca.cert })] },
      authorization: { authorizer: new AlwaysDenyAuthorizer() },
      logger: silentLogger,
      processMetrics: false,
      shutdown: { timeoutMs: 2000 },
    },
    storage: storage.factory,
    // Made here and given, as the binary's server chain does.
    serviceResolver: new ServiceResolver(serviceInformers(storage.factory, silentLogger)),
  });
  const { server } = apiextensions;
  await server.listen();
  const agent = new https.Agent({ keepAlive: true, ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key });

  const request = (path: string, req: RequestOptions = {}): Promise<Response> => {
    const body = req.body === undefined ? undefined : typeof req.body === "string" ? req.body : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      Accept: "application/json",
      ...(body !== undefined ? { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) } : {}),
      ...req.headers,
    };
    return new Promise((resolve, reject) => {
      const r = https.request({ host: "127.0.0.1", port: server.port, path, method: req.method ?? "GET", headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const warnings: string[] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            if (res.rawHeaders[i]!.toLowerCase() === "warning") warnings.push(res.rawHeaders[i + 1]!.replace(/^299 - "(.*)"$/, "$1").replace(/\\"/g, '"'));
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, warnings, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on("error", reject);
      });
      r.on("error", reject);
      r.end(body);
    });
  };

  return {
    ...apiextensions,
    storage,
    request,
    async eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await server.shutdown();
      agent.destroy();
      await storage.close();
    },
  };
}
