// The proxy of one service-backed APIService (upstream: the aggregator's
// proxyHandler): every request under /apis/<group>/<version> goes, with
// http-proxy, to an endpoint of the APIService's Service.
//
// - The APIService must be Available (the availability controller decides);
//   otherwise, and when the Service has no ready endpoint, the answer is at
//   once 503 ServiceUnavailable, "service unavailable".
// - The user the aggregator authenticated travels in X-Remote-* headers
//   (auth-headers.ts), over a connection with the front-proxy client
//   certificate (backend-transport.ts).
// - Responses stream through as they come: a watch is never buffered, and
//   long-running requests have no deadline. Other requests end with the
//   aggregator's request deadline (504 from the timeout filter), and the
//   backend request is abandoned with them.
// - Upgraded connections (WebSocket, SPDY: exec, attach, port-forward) are
//   handed the raw socket after the filters have authenticated and
//   authorized them, and joined to the backend's.
// - A backend that refuses the connection, or fails before answering:
//   503 with the error, as upstream's responder does; and (ours) the
//   availability controller is asked to check the APIService again at once
//   rather than at its next resync.

import type { ClientRequest, IncomingMessage, ServerResponse } from "node:http";
import type https from "node:https";
import { type StatusError, newInternalError, newServiceUnavailable } from "@tskube/apimachinery";
import {
  type Logger,
  isLongRunningRequest,
  requestContext,
  takeUpgrade,
  writeStatusError,
} from "@tskube/generic-apiserver";
import httpProxy from "http-proxy";
import { isAPIServiceAvailable } from "../apis/apiregistration/v1/apiservice/conditions.js";
import type { APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import type { ServiceEndpoint as Endpoint, ServiceResolver } from "@tskube/generic-apiserver";
import { setAuthProxyHeaders } from "./auth-headers.js";
import { BackendRequestError, type BackendResponse, backendGet } from "./backend-client.js";
import { type ProxyClientCertificate, backendAgent, sameTransport } from "./backend-transport.js";
import { writeBackendResponse } from "./response.js";

/** What upstream answers while the APIService is not available or its Service has no endpoint. */
export const SERVICE_UNAVAILABLE_MESSAGE = "service unavailable";

export interface ProxyHandlerOptions {
  resolver: ServiceResolver;
  proxyClientCert: ProxyClientCertificate | undefined;
  logger: Logger;
  /** Told when the server could not be reached, so its availability is checked again at once. */
  onUnreachable?: () => void;
}

/** Go's wording of a failed dial, which is what clients of upstream see in the 503. */
function describeProxyError(err: NodeJS.ErrnoException, endpoint: Endpoint): string {
  const address = endpoint.host.includes(":") ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
  switch (err.code) {
    case "ECONNREFUSED":
      return `dial tcp ${address}: connect: connection refused`;
    case "ECONNRESET":
      return `read tcp ${address}: read: connection reset by peer`;
    case "EHOSTUNREACH":
      return `dial tcp ${address}: connect: no route to host`;
    default:
      return `error trying to reach service: ${err.message}`;
  }
}

export class APIServiceProxy {
  private apiService: APIService;
  private agent: https.Agent;
  private available: boolean;
  // The response is ours to write (response.ts); http-proxy makes the request and joins upgrades.
  private readonly proxy = httpProxy.createProxyServer({ selfHandleResponse: true });

  constructor(
    apiService: APIService,
    private readonly options: ProxyHandlerOptions,
  ) {
    this.apiService = apiService;
    this.agent = backendAgent(apiService, options.proxyClientCert);
    this.available = isAPIServiceAvailable(apiService);
    // The deadline and the client going away end the backend request too.
    this.proxy.on("proxyReq", (proxyReq, req, res) => abandonWithRequest(proxyReq, req, res));
    this.proxy.on("proxyRes", (proxyRes, _req, res) => writeBackendResponse(proxyRes, res));
    this.proxy.on("proxyReqWs", (proxyReq, req) => {
      const protocol = requestedProtocol.get(req);
      if (protocol !== undefined) proxyReq.setHeader("upgrade", protocol);
    });
  }

  /** Follows a change of the APIService (spec or status). */
  update(apiService: APIService): void {
    if (!sameTransport(this.apiService, apiService)) {
      this.agent.destroy();
      this.agent = backendAgent(apiService, this.options.proxyClientCert);
    }
    this.apiService = apiService;
    this.available = isAPIServiceAvailable(apiService);
  }

  close(): void {
    this.agent.destroy();
    this.proxy.close();
  }

  /**
   * A GET of the aggregator's own (discovery, OpenAPI) to the server, over
   * this proxy's transport, as system:kube-aggregator. Fails, as proxied
   * requests do, while the APIService is not available.
   */
  fetch(path: string, accept: string, timeoutMs: number): Promise<BackendResponse> {
    const endpoint = this.endpoint();
    if (endpoint === undefined) return Promise.reject(new BackendRequestError(SERVICE_UNAVAILABLE_MESSAGE));
    return backendGet(this.agent, endpoint, path, { accept, timeoutMs });
  }

  /** An endpoint to send a request to, when the APIService is available and its Service has a ready one. */
  private endpoint(): Endpoint | undefined {
    const service = this.apiService.spec?.service;
    if (!this.available || service === undefined) return undefined;
    return this.options.resolver.resolve(service.namespace ?? "", service.name ?? "", service.port ?? 443);
  }

  /** The request handler for the APIService's path prefix. */
  readonly handler = (req: IncomingMessage, res: ServerResponse): void => {
    const ctx = requestContext(req);
    const endpoint = this.endpoint();
    if (endpoint === undefined) {
      refuse(req, res, newServiceUnavailable(SERVICE_UNAVAILABLE_MESSAGE));
      return;
    }
    if (ctx.user === undefined) {
      refuse(req, res, newInternalError(new Error("missing user")));
      return;
    }
    setAuthProxyHeaders(req.headers, ctx.user);
    const target = { protocol: "https:", host: endpoint.host, port: endpoint.port };
    const options = { target, agent: this.agent, changeOrigin: true, secure: this.apiService.spec?.insecureSkipTLSVerify !== true };

    const upgrade = takeUpgrade(req, res);
    if (upgrade !== undefined) {
      // http-proxy proxies only upgrades to WebSocket. SPDY (what kubectl exec
      // falls back to) switches protocols the same way, so the request passes
      // http-proxy's check as "websocket" and the backend is asked for the
      // protocol the client asked for.
      const protocol = String(req.headers.upgrade ?? "");
      if (protocol.toLowerCase() !== "websocket") {
        requestedProtocol.set(req, protocol);
        req.headers.upgrade = "websocket";
      }
      this.proxy.ws(req, upgrade.socket, upgrade.head, options, () => upgrade.socket.destroy());
      ctx.signal.addEventListener("abort", () => upgrade.socket.destroy(), { once: true });
      return;
    }
    this.proxy.web(req, res, options, (err) => this.failed(err as NodeJS.ErrnoException, endpoint, req, res));
  };

  private failed(err: NodeJS.ErrnoException, endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): void {
    const ctx = requestContext(req);
    if (ctx.aborted) {
      // The deadline passed (the timeout filter answered 504), the client left, or the server is shutting down.
      if (res.headersSent && !res.writableEnded) {
        if (isLongRunningRequest(ctx.requestInfo)) res.end();
        else res.destroy();
      }
      return;
    }
    const message = describeProxyError(err, endpoint);
    this.options.onUnreachable?.();
    this.options.logger.info(`kube-aggregator: proxying ${req.method} ${req.url} to ${this.apiService.metadata.name}: ${message}`);
    if (res.headersSent) res.destroy();
    else writeStatusError(res, newServiceUnavailable(message));
  }
}

/** The Upgrade header of a non-WebSocket upgrade request, while http-proxy handles it. */
const requestedProtocol = new WeakMap<IncomingMessage, string>();

/** Answers an upgrade request on its socket, and any other on its response. */
function refuse(req: IncomingMessage, res: ServerResponse, err: StatusError): void {
  writeStatusError(res, err);
  req.resume();
}

/**
 * Ends the backend request with the client's: when the response closes
 * (answered, the client left, or the timeout filter answered 504) and, for
 * long-running requests, when their signal aborts (server shutdown). An
 * event on the response is much cheaper per request than one on the signal.
 */
function abandonWithRequest(proxyReq: ClientRequest, req: IncomingMessage, res: ServerResponse): void {
  const ctx = requestContext(req);
  if (ctx.aborted) {
    proxyReq.destroy();
    return;
  }
  // A response that was answered in full leaves the backend connection alone (it goes back to the pool).
  res.once("close", () => {
    if (!res.writableFinished || ctx.aborted) proxyReq.destroy();
  });
  if (isLongRunningRequest(ctx.requestInfo)) {
    const abandon = () => proxyReq.destroy();
    ctx.signal.addEventListener("abort", abandon, { once: true });
    proxyReq.once("close", () => ctx.signal.removeEventListener("abort", abandon));
  }
}
