// One webhook call (upstream: k8s.io/apiserver util/webhook's REST client
// for webhooks): a JSON POST over HTTPS, verified with the webhook's CA
// bundle (or the system's roots without one) against the host name of its
// URL, or for a Service against `<name>.<namespace>.svc`, with a deadline.
// Failures throw an Error worded like Go's HTTP client's:
// `Post "https://conv.ns.svc:443/convert?timeout=30s": connect ECONNREFUSED 127.0.0.1:9443`.
// A Service is resolved to an endpoint when the connection is made (as
// upstream's dialer does), so a Service that cannot be resolved fails the
// same way: `Post "https://conv.ns.svc:443/convert?timeout=30s": service "conv" not found`.

import https from "node:https";
import { type WebhookServiceResolver, serviceServerName } from "../services/service-resolver.js";

/** Where a webhook lives: its URL, or a Service (resolved to an endpoint when called). */
export type WebhookTarget =
  | { url: string; caBundle?: string }
  | { service: { namespace: string; name: string; port: number; path?: string }; caBundle?: string };

export interface WebhookCallOptions {
  /** Needed for Service targets. */
  resolver?: WebhookServiceResolver;
  timeoutMs: number;
}

export class WebhookCallError extends Error {
  override readonly name = "WebhookCallError";
}

/** POSTs `body` as JSON and returns the parsed JSON answer. */
export async function callWebhook(target: WebhookTarget, body: unknown, opts: WebhookCallOptions): Promise<unknown> {
  const timeout = `timeout=${Math.round(opts.timeoutMs / 1000)}s`;
  const withTimeout = (url: URL) => {
    url.search = url.search ? `${url.search}&${timeout}` : `?${timeout}`;
    return url;
  };
  let url: URL;
  let connect: { host: string; port: number };
  let servername: string;
  let described: string;
  if ("url" in target) {
    url = withTimeout(new URL(target.url));
    connect = { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(url.port || 443) };
    servername = url.hostname;
    described = `Post ${JSON.stringify(url.toString())}`;
  } else {
    const { namespace, name, port, path } = target.service;
    if (opts.resolver === undefined) throw new WebhookCallError("no service resolver configured");
    servername = serviceServerName(namespace, name);
    url = withTimeout(new URL(`https://${servername}${path ?? ""}`));
    // Go shows the Service's port even when it is 443.
    described = `Post ${JSON.stringify(`https://${servername}:${port}${url.pathname}${url.search}`)}`;
    try {
      connect = await opts.resolver.resolveEndpoint(namespace, name, port);
    } catch (err) {
      throw new WebhookCallError(`${described}: ${(err as Error).message}`);
    }
  }
  const payload = JSON.stringify(body);

  const text = await new Promise<string>((resolve, reject) => {
    const req = https.request(
      {
        host: connect.host,
        port: connect.port,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        // An IP address is not a valid SNI name.
        ...(/^[\d.]+$|:/.test(servername) ? {} : { servername }),
        // Node checks the certificate against `servername`, else against `host`.
        ...(target.caBundle ? { ca: Buffer.from(target.caBundle, "base64").toString("utf8") } : {}),
        headers: { "Content-Type": "application/json", Accept: "application/json", "Content-Length": String(Buffer.byteLength(payload)) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const answer = Buffer.concat(chunks).toString("utf8");
          const code = res.statusCode ?? 0;
          if (code < 200 || code > 299) reject(new WebhookCallError(`${described}: the server responded with status ${code}: ${answer.trim()}`));
          else resolve(answer);
        });
        res.on("error", (err) => reject(new WebhookCallError(`${described}: ${err.message}`)));
      },
    );
    req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`context deadline exceeded (no answer within ${opts.timeoutMs} ms)`)));
    req.on("error", (err) => reject(new WebhookCallError(`${described}: ${err.message}`)));
    req.end(payload);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new WebhookCallError(`${described}: the answer is not JSON: ${(err as Error).message}`);
  }
}
