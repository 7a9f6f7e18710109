// The aggregator's own requests to aggregated API servers: the availability
// check and the discovery and OpenAPI fetches. They are made as
// `system:kube-aggregator` in `system:masters` (so the server's authorizer
// always lets them through), over the front-proxy certificate, like proxied
// requests. Failures are worded as Go's HTTP client words them, since that
// is what upstream writes into conditions and logs.

import type { IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { ServiceEndpoint as Endpoint } from "@tskube/generic-apiserver";
import { setAuthProxyHeaders } from "./auth-headers.js";

/** Who the aggregator's own requests are from (upstream's name and group). */
export const AGGREGATOR_USER = { name: "system:kube-aggregator", groups: ["system:masters"] };

export interface BackendResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function backendURL(endpoint: Endpoint, path: string): string {
  const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
  return `https://${host}:${endpoint.port}${path}`;
}

/** A failed request, with a message like Go's `Get "https://...": dial tcp ...: connect: connection refused`. */
export class BackendRequestError extends Error {}

function describe(err: NodeJS.ErrnoException, endpoint: Endpoint, timedOut: boolean, timeoutMs: number): string {
  const address = endpoint.host.includes(":") ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
  if (timedOut) return `context deadline exceeded (Client.Timeout exceeded while awaiting headers after ${timeoutMs}ms)`;
  switch (err.code) {
    case "ECONNREFUSED":
      return `dial tcp ${address}: connect: connection refused`;
    case "ECONNRESET":
      return `read tcp ${address}: read: connection reset by peer`;
    default:
      return err.message;
  }
}

/** GET `path` from the server at `endpoint` as the aggregator; throws BackendRequestError when no answer comes within `timeoutMs`. */
export function backendGet(
  agent: https.Agent,
  endpoint: Endpoint,
  path: string,
  opts: { accept?: string; timeoutMs: number; signal?: AbortSignal },
): Promise<BackendResponse> {
  const url = backendURL(endpoint, path);
  const headers: IncomingHttpHeaders = { accept: opts.accept ?? "application/json", "user-agent": "kube-aggregator" };
  setAuthProxyHeaders(headers, AGGREGATOR_USER);
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const req = https.request(
      { host: endpoint.host, port: endpoint.port, path, method: "GET", headers: headers as Record<string, string | string[]>, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on("error", (err) => req.destroy(err));
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error("timeout"));
    }, opts.timeoutMs);
    const onAbort = () => req.destroy(new Error("aborted"));
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    req.once("close", () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
    });
    req.once("error", (err: NodeJS.ErrnoException) => {
      reject(new BackendRequestError(`Get ${JSON.stringify(url)}: ${describe(err, endpoint, timedOut, opts.timeoutMs)}`));
    });
    req.end();
  });
}
