// Helpers for tests that run a real GenericAPIServer over HTTPS: a small PKI
// and an HTTPS client that returns status, headers and body.

import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { generateCA, generateClientCert, generateServingCert, type CertificateAndKey } from "./certs.js";

export interface TestPKI {
  /** Signs the serving certificate and the trusted client certificates. */
  ca: CertificateAndKey;
  serving: CertificateAndKey;
  /** CN=admin, O=system:masters. */
  admin: CertificateAndKey;
  /** CN=alice, O=dev, O=qa. */
  alice: CertificateAndKey;
  /** CN=alice, signed by a CA the server does not trust. */
  foreign: CertificateAndKey;
  /** CN=alice, signed by the trusted CA, expired yesterday. */
  expired: CertificateAndKey;
}

export async function createTestPKI(): Promise<TestPKI> {
  const DAY = 24 * 60 * 60 * 1000;
  const [ca, otherCA] = await Promise.all([generateCA({ commonName: "test-ca" }), generateCA({ commonName: "foreign-ca" })]);
  const [serving, admin, alice, foreign, expired] = await Promise.all([
    generateServingCert(ca),
    generateClientCert(ca, { user: "admin", groups: ["system:masters"] }),
    generateClientCert(ca, { user: "alice", groups: ["dev", "qa"] }),
    generateClientCert(otherCA, { user: "alice" }),
    generateClientCert(ca, { user: "alice", notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) }),
  ]);
  return { ca, serving, admin, alice, foreign, expired };
}

export interface TestRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Client certificate to present. */
  clientCert?: CertificateAndKey;
  token?: string;
  /** Aborts the request (e.g. to stop reading a watch). */
  signal?: AbortSignal;
  /** Called with each chunk of the response body as it arrives. */
  onData?: (chunk: string) => void;
}

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json<T = Record<string, unknown>>(): T;
}

/** One HTTPS request to 127.0.0.1:port on a fresh connection, verifying the server against `ca`. */
export function request(port: number, ca: string, path: string, opts: TestRequest = {}): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== undefined) headers["Authorization"] = `Bearer ${opts.token}`;
    const req = https.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: opts.method ?? "GET",
        headers,
        ca,
        agent: false,
        ...(opts.clientCert ? { cert: opts.clientCert.cert, key: opts.clientCert.key } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
          opts.onData?.(chunk);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}
