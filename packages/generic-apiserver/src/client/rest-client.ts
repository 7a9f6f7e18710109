// A small typed HTTPS client for one API server (upstream: client-go's REST
// client, as in-process controllers use it through the loopback config).
// JSON in and out; a failed request throws the StatusError the server
// answered with, so callers test it with isNotFound, isConflict, ...
//
//   const ns = await client.get<Namespace>(resourcePath({ version: "v1", resource: "namespaces", name: "default" }));
//   for await (const event of await client.watch<Namespace>("/api/v1/namespaces", { resourceVersion: rv }, signal)) ...
//
// The client trusts exactly one certificate, the server's own serving
// certificate (pinned by fingerprint), and authenticates with a bearer token.

import type { IncomingMessage } from "node:http";
import https from "node:https";
import { X509Certificate } from "node:crypto";
import type { PeerCertificate } from "node:tls";
import { type DeleteOptions, type KubeObject, type Status, type StatusReason, StatusError } from "@tskube/apimachinery";
import type { ObjectList } from "../registry/rest-storage.js";

export interface RESTClientOptions {
  host: string;
  port: number;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** The server's serving certificate (PEM, leaf first): the one certificate the client accepts. */
  servingCert: string | Buffer;
  /** Default "tskube-loopback". */
  userAgent?: string;
  /** Per-request deadline for everything but watches. Default 60 s. */
  timeoutMs?: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Default application/json. */
  contentType?: string;
  /** Default application/json. */
  accept?: string;
  signal?: AbortSignal;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

/** One event of a watch; an ERROR event carries a Status (e.g. 410 Expired) and is the last one. */
export type WatchEvent<T extends KubeObject = KubeObject> =
  | { type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK"; object: T }
  | { type: "ERROR"; object: Status };

export interface WatchStream<T extends KubeObject = KubeObject> extends AsyncIterable<WatchEvent<T>> {
  /** Ends the watch; the iteration then finishes. */
  stop(): void;
}

/** Where an object or collection lives: `/api/v1/namespaces/ns/configmaps/c`, `/apis/apps/v1/deployments`. */
export function resourcePath(r: {
  group?: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}): string {
  const prefix = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const segments = [prefix];
  if (r.namespace) segments.push("namespaces", encodeURIComponent(r.namespace));
  segments.push(r.resource);
  if (r.name) segments.push(encodeURIComponent(r.name));
  if (r.name && r.subresource) segments.push(r.subresource);
  return segments.join("/");
}

const REASON_BY_CODE: Record<number, StatusReason> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Gone",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

/** The error for a failed response: its Status when it sent one, else one made from the code. */
export function errorFromResponse(code: number, text: string): StatusError {
  try {
    const body = JSON.parse(text) as Partial<Status>;
    if (body.kind === "Status") {
      return new StatusError({
        code: body.code ?? code,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
        ...(body.message !== undefined ? { message: body.message } : {}),
        ...(body.details !== undefined ? { details: body.details } : {}),
      });
    }
  } catch {
    // not JSON: fall through
  }
  return new StatusError({ code, reason: REASON_BY_CODE[code] ?? "", message: text.trim() || `the server answered ${code}` });
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

export class RESTClient {
  private readonly agent: https.Agent;
  private readonly userAgent: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: RESTClientOptions) {
    const pinned = new X509Certificate(options.servingCert);
    this.agent = new https.Agent({
      keepAlive: true,
      // Trust the serving certificate itself (not only a CA above it)...
      ca: pinned.toString(),
      allowPartialTrustChain: true,
      // ...and nothing else, whatever host name it was issued for.
      checkServerIdentity: (_host: string, cert: PeerCertificate) =>
        cert.fingerprint256 === pinned.fingerprint256 ? undefined : new Error("the server did not present its serving certificate"),
    });
    this.userAgent = options.userAgent ?? "tskube-loopback";
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** One request; resolves with the parsed JSON body of a 2xx answer, throws a StatusError otherwise. */
  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, opts, false);
    const text = await readAll(res);
    const code = res.statusCode ?? 0;
    if (code < 200 || code > 299) throw errorFromResponse(code, text);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  get<T extends KubeObject>(path: string, query?: Query): Promise<T> {
    return this.request<T>("GET", path, query ? { query } : {});
  }

  list<T extends KubeObject>(path: string, query?: Query): Promise<ObjectList<T>> {
    return this.request<ObjectList<T>>("GET", path, query ? { query } : {});
  }

  create<T extends KubeObject>(path: string, obj: T, query?: Query): Promise<T> {
    return this.request<T>("POST", path, { body: obj, ...(query ? { query } : {}) });
  }

  update<T extends KubeObject>(path: string, obj: T, query?: Query): Promise<T> {
    return this.request<T>("PUT", path, { body: obj, ...(query ? { query } : {}) });
  }

  /** `patchType`: application/merge-patch+json, application/json-patch+json or application/strategic-merge-patch+json. */
  patch<T extends KubeObject>(path: string, patch: unknown, patchType: string, query?: Query): Promise<T> {
    return this.request<T>("PATCH", path, { body: patch, contentType: patchType, ...(query ? { query } : {}) });
  }

  /** DELETE of an object or a collection: the object, a Status, or the deleted list, as the server answers. */
  delete<T = unknown>(path: string, options?: DeleteOptions, query?: Query): Promise<T> {
    const body = options ? { apiVersion: "meta.k8s.io/v1", kind: "DeleteOptions", ...options } : undefined;
    return this.request<T>("DELETE", path, { ...(body ? { body } : {}), ...(query ? { query } : {}) });
  }

  /** Opens a watch (`?watch=true` is added). The stream ends when the server ends it, on `stop()`, or when `signal` aborts. */
  async watch<T extends KubeObject>(path: string, query: Query = {}, signal?: AbortSignal): Promise<WatchStream<T>> {
    const res = await this.send("GET", path, { query: { ...query, watch: true }, ...(signal ? { signal } : {}) }, true);
    const code = res.statusCode ?? 0;
    if (code < 200 || code > 299) throw errorFromResponse(code, await readAll(res));
    const stop = () => res.destroy();
    signal?.addEventListener("abort", stop, { once: true });
    return {
      stop,
      async *[Symbol.asyncIterator]() {
        let partial = "";
        try {
          res.setEncoding("utf8");
          for await (const chunk of res as AsyncIterable<string>) {
            partial += chunk;
            for (let nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
              const line = partial.slice(0, nl).trim();
              partial = partial.slice(nl + 1);
              if (line !== "") yield JSON.parse(line) as WatchEvent<T>;
            }
          }
        } catch (err) {
          // A watch we stopped, or one the server cut off, simply ends.
          if (!res.destroyed && !signal?.aborted) throw err;
        } finally {
          signal?.removeEventListener("abort", stop);
          res.destroy();
        }
      },
    };
  }

  /** Closes idle connections; open watches end. */
  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, opts: RequestOptions, stream: boolean): Promise<IncomingMessage> {
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.options.token}`,
      Accept: opts.accept ?? "application/json",
      "User-Agent": this.userAgent,
      ...(body !== undefined ? { "Content-Type": opts.contentType ?? "application/json", "Content-Length": String(Buffer.byteLength(body)) } : {}),
    };
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: this.options.host, port: this.options.port, path: path + queryString(opts.query), method, headers, agent: this.agent },
        resolve,
      );
      if (!stream) req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer within ${this.timeoutMs} ms`)));
      const onAbort = () => req.destroy(new Error(`${method} ${path}: aborted`));
      if (opts.signal?.aborted) onAbort();
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      req.once("close", () => opts.signal?.removeEventListener("abort", onAbort));
      req.once("error", reject);
      req.end(body);
    });
  }
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
