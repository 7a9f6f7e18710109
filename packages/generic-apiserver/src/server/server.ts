// GenericAPIServer (upstream: k8s.io/apiserver/pkg/server/genericapiserver.go):
// an HTTPS server with a handler chain (the filters) in front of a director.
//
//   request ─▶ filters ─▶ director ─┬─▶ an installed API group's REST router   /api/v1/..., /apis/<g>/<v>/...
//                                   ├─▶ non-resource routes (express)          /healthz, /version, /metrics, discovery, OpenAPI, ...
//                                   └─▶ the delegate's director ─▶ ... ─▶ 404 Status
//
// A chain of servers (aggregator -> kube-apiserver -> apiextensions) is built
// by giving each server the next one as its `delegate`. Only the outermost
// server listens, so its filters run once per request; the others are
// reached through their `unprotectedHandler`, the director without filters.
//
// Every server publishes discovery (/api, /apis, ...) and OpenAPI
// (/openapi/v2, /openapi/v3) for its own groups and its delegate's, so the
// outermost server's documents cover every group of the chain.
//
// Writes to a server's groups go through its admission plugins. Once the
// outermost server listens, every server of the chain can reach it through
// `loopbackClient`, authenticated with a token only this process knows.

import { setMaxListeners } from "node:events";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import express, { Router, type RequestHandler } from "express";
import { StatusError } from "@tskube/apimachinery";
import { AdmissionChain } from "../admission/chain.js";
import { readsClientCertificates } from "../authentication/authenticator.js";
import type { Authorizer, RuleResolver } from "../authorization/authorizer.js";
import { UnionAuthenticator } from "../authentication/union.js";
import { SYSTEM_MASTERS } from "../authentication/user.js";
import { AlwaysDenyAuthorizer } from "../authorization/always.js";
import { LoopbackTokenAuthenticator, loopbackHost, mintLoopbackToken } from "../client/loopback.js";
import { RESTClient } from "../client/rest-client.js";
import { AlwaysAllowPathsAuthorizer } from "../authorization/path.js";
import { PrivilegedGroupsAuthorizer } from "../authorization/privileged-groups.js";
import { UnionAuthorizer } from "../authorization/union.js";
import { DiscoveryManager } from "../discovery/manager.js";
import { createDiscoveryRouter } from "../discovery/router.js";
import { createAPIGroupRouter } from "../endpoints/installer.js";
import { withAuthentication } from "../filters/authentication.js";
import { withAuthorization } from "../filters/authorization.js";
import { withImpersonation } from "../filters/impersonation.js";
import { withBodyLimit } from "../filters/body-limit.js";
import { isLongRunningRequest } from "../filters/long-running.js";
import { withMaxInFlightLimit } from "../filters/max-in-flight.js";
import { withPanicRecovery } from "../filters/panic-recovery.js";
import { withRequestInfo } from "../filters/request-info.js";
import { withRequestMetrics } from "../filters/request-metrics.js";
import { InFlightRequests } from "../filters/shutdown.js";
import { withRequestTimeout } from "../filters/timeout.js";
import { writeStatusError } from "../filters/write-status.js";
import { pingCheck, type HealthCheck } from "../health/health-check.js";
import { healthHandler, type HealthEndpoint } from "../health/health-handler.js";
import { APIServerMetrics } from "../metrics/metrics.js";
import { createOpenAPIRouter } from "../openapi/router.js";
import { OpenAPIService } from "../openapi/service.js";
import { maybeRequestContext } from "../request/context.js";
import type { APIGroupInfo } from "./api-group.js";
import { DEFAULT_ALWAYS_ALLOW_PATHS, DEFAULT_LIMITS, type GenericAPIServerConfig, type LimitsConfig } from "./config.js";
import { consoleLogger, type Logger } from "./logger.js";
import { PostStartHooks, type PostStartHook } from "./post-start-hooks.js";
import { type Handler, handlerSequence } from "./handler-sequence.js";
import { upgradeListener } from "./upgrade.js";
import { defaultVersionInfo, versionHandler, type VersionInfo } from "./version.js";

/** How installed groups are looked up: `apis/apps`, `api/` (the core group). */
function apiGroupKey(apiPrefix: string, group: string): string {
  return `${apiPrefix}/${group}`;
}

/** The path of a request URL, without its query. */
function pathOf(url: string | undefined): string {
  const path = url ?? "/";
  const query = path.indexOf("?");
  return query === -1 ? path : path.slice(0, query);
}

/** The answer for a path no server in the chain serves. */
function notFound(): StatusError {
  return new StatusError({ code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: {} });
}

export class GenericAPIServer {
  readonly name: string;
  /** The whole server: the filters, then the director. This is what `listen()` serves. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The director alone, without filters: what a server that delegates to this one calls. */
  readonly unprotectedHandler: Handler;
  readonly metrics: APIServerMetrics;
  readonly versionInfo: VersionInfo;
  /**
   * What /api and /apis publish: this server's installed groups, then its
   * delegate's (which include the delegate's delegate's, and so on). Add
   * groups known only by their discovery information (an aggregated server's)
   * with `discovery.addDiscoveryProvider(provider)`.
   */
  readonly discovery: DiscoveryManager;
  /** The /openapi/v2 and /openapi/v3 documents, built from `discovery`'s groups. */
  readonly openAPI: OpenAPIService;
  /** The admission plugins writes to this server's groups go through. */
  readonly admission: AdmissionChain;
  /**
   * The whole authorization chain the filters ask: privileged groups, the
   * always-allowed paths, then the configured authorizer. Also a rule
   * resolver (the configured authorizer's rules). Access reviews
   * (SubjectAccessReview, SelfSubjectRulesReview) answer from it.
   */
  readonly authorizer: Authorizer & RuleResolver;

  private readonly config: GenericAPIServerConfig;
  private readonly limits: Required<LimitsConfig>;
  private readonly logger: Logger;
  private readonly delegate: GenericAPIServer | undefined;
  private readonly apiGroups: APIGroupInfo[] = [];
  private readonly apiGroupListeners = new Set<() => void>();
  /** The REST handler of each installed group, by `<apiPrefix>/<group>` (`api/` for the core group). */
  private readonly apiGroupHandlers = new Map<string, Handler>();
  /** Handlers of whole path prefixes, tried first (see handlePrefix). */
  private readonly prefixHandlers = new Map<string, Handler>();
  /** Health, version, metrics, and whatever else is mounted (discovery, OpenAPI). */
  private readonly nonResourceRouters = Router();
  private readonly checks: { all: HealthCheck[]; readyzOnly: HealthCheck[] };
  private readonly postStartHooks = new PostStartHooks();
  private readonly inFlight = new InFlightRequests();
  /** Aborted on shutdown: tells post-start hooks (controllers) to stop. */
  /**
   * Aborted when shutdown starts. Every post-start hook's controllers and
   * their watches listen to it, legitimately more than Node's default of 10
   * listeners, so the limit is lifted.
   */
  private readonly stopping = unlimitedAbortController();
  private httpsServer: https.Server | undefined;
  private shutdownDone: Promise<void> | undefined;
  /** Authenticates this server's own loopback requests; never leaves the process. */
  private readonly loopbackToken = mintLoopbackToken();
  /** The server that listens in front of this one (itself, or the outermost of its chain), once it does. */
  private listeningServer: GenericAPIServer | undefined;
  private ownLoopbackClient: RESTClient | undefined;

  constructor(config: GenericAPIServerConfig) {
    this.config = config;
    this.limits = { ...DEFAULT_LIMITS, ...config.limits };
    this.name = config.name;
    this.logger = config.logger ?? consoleLogger;
    this.delegate = config.delegate;
    this.metrics = new APIServerMetrics({ processMetrics: config.processMetrics ?? true });
    this.versionInfo = { ...defaultVersionInfo(), ...config.version };
    this.checks = {
      all: [pingCheck, ...(config.healthChecks ?? [])],
      readyzOnly: [{ name: "shutdown", check: () => this.checkNotShuttingDown() }],
    };
    this.discovery = new DiscoveryManager();
    this.discovery.addGroupSource(this);
    if (this.delegate) this.discovery.addGroupSource(this.delegate.discovery);
    this.openAPI = new OpenAPIService(this.discovery, { info: { version: this.versionInfo.gitVersion } });
    this.admission = new AdmissionChain(config.admission?.plugins ?? []);
    const authz = config.authorization ?? {};
    this.authorizer = new UnionAuthorizer([
      new PrivilegedGroupsAuthorizer(authz.privilegedGroups ?? [SYSTEM_MASTERS]),
      new AlwaysAllowPathsAuthorizer(authz.alwaysAllowPaths ?? DEFAULT_ALWAYS_ALLOW_PATHS),
      authz.authorizer ?? new AlwaysDenyAuthorizer(),
    ]);

    this.unprotectedHandler = this.buildDirector();
    this.handler = this.buildHandlerChain();
  }

  // ---- building the server -------------------------------------------------

  /** Serves the group's resources under /api/v1 (core) or /apis/<group>/<version>. */
  installAPIGroup(info: APIGroupInfo): void {
    if (this.apiGroups.some((group) => group.name === info.name)) {
      throw new Error(`${this.name}: API group ${JSON.stringify(info.name)} is already installed`);
    }
    this.apiGroups.push(info);
    const handler = createAPIGroupRouter(info, {
      maxRequestBodyBytes: this.limits.maxBodyBytes,
      logger: this.logger,
      ...(this.config.protobuf ? { protobuf: this.config.protobuf } : {}),
      admission: this.admission,
    });
    this.apiGroupHandlers.set(apiGroupKey(info.name === "" ? "api" : "apis", info.name), handler);
    for (const listener of this.apiGroupListeners) listener();
  }

  /** The installed groups, in installation order. */
  apiGroupInfos(): readonly APIGroupInfo[] {
    return [...this.apiGroups];
  }

  /** Called after each installAPIGroup (`discovery` and OpenAPI rebuild on it). Returns a function that unsubscribes. */
  onChange(listener: () => void): () => void {
    this.apiGroupListeners.add(listener);
    return () => this.apiGroupListeners.delete(listener);
  }

  /**
   * Mounts routes for paths outside the API groups, after the built-in ones
   * (/healthz, /livez, /readyz, /version, /metrics, discovery, OpenAPI).
   * A router that does not serve a path must call `next()`, so the request
   * can reach the delegate. Resource requests (/api/v1/..., /apis/<g>/<v>/<resource>...)
   * never reach these routers; serve those with installAPIGroup or handlePrefix.
   */
  addNonResourceRouter(router: RequestHandler): void {
    this.nonResourceRouters.use(router);
  }

  /**
   * Sends every request for `prefix` (the path itself, or anything below it:
   * `/apis/wardle.example.com/v1alpha1`, `.../namespaces/x/flunders`) to
   * `handler`, ahead of the installed groups, discovery and the delegate
   * (upstream: the NonGoRestfulMux's HandlePrefix). The aggregator proxies
   * the group/versions of service-backed APIServices this way. Replaces any
   * handler already there; returns a function that removes it.
   */
  handlePrefix(prefix: string, handler: Handler): () => void {
    const key = prefix.replace(/\/+$/, "");
    this.prefixHandlers.set(key, handler);
    return () => {
      if (this.prefixHandlers.get(key) === handler) this.prefixHandlers.delete(key);
    };
  }

  /** The handler of the longest registered prefix of `path`, if any. */
  private prefixHandlerFor(path: string): Handler | undefined {
    if (this.prefixHandlers.size === 0) return undefined;
    for (let end = path.length; end > 0; end = path.lastIndexOf("/", end - 1)) {
      const handler = this.prefixHandlers.get(path.slice(0, end));
      if (handler !== undefined) return handler;
    }
    return undefined;
  }

  /** Adds a check to /healthz, /livez and /readyz. */
  addHealthCheck(check: HealthCheck): void {
    this.checks.all.push(check);
  }

  /** Adds a check to /readyz only: not ready is not the same as broken. */
  addReadyzCheck(check: HealthCheck): void {
    this.checks.readyzOnly.push(check);
  }

  /** Runs `hook` once the server listens; until it finishes, the check `poststarthook/<name>` fails. */
  addPostStartHook(name: string, hook: PostStartHook): void {
    this.postStartHooks.add(name, hook);
  }

  /** The checks an endpoint runs: this server's and its delegates', first of a name wins. */
  healthChecks(endpoint: HealthEndpoint): HealthCheck[] {
    const own = [
      ...this.checks.all,
      ...this.postStartHooks.healthChecks(),
      ...(endpoint === "readyz" ? this.checks.readyzOnly : []),
    ];
    const all = [...own, ...(this.delegate?.healthChecks(endpoint) ?? [])];
    const seen = new Set<string>();
    return all.filter((check) => !seen.has(check.name) && seen.add(check.name));
  }

  private buildDirector(): Handler {
    const byPrefix: Handler = (req, res, next) => {
      const handler = this.prefixHandlerFor(maybeRequestContext(req)?.requestInfo.path ?? pathOf(req.url));
      if (handler === undefined) return next();
      return handler(req, res, next);
    };
    const byGroup: Handler = (req, res, next) => {
      // A lookup by the request's group, rather than a walk past every installed group.
      const info = maybeRequestContext(req)?.requestInfo;
      const handler = info?.isResourceRequest ? this.apiGroupHandlers.get(apiGroupKey(info.apiPrefix, info.apiGroup)) : undefined;
      if (handler === undefined) return next();
      return handler(req, res, next);
    };

    for (const endpoint of ["healthz", "livez", "readyz"] as const) {
      this.nonResourceRouters.use(healthHandler(endpoint, () => this.healthChecks(endpoint)));
    }
    this.nonResourceRouters.use(versionHandler(this.versionInfo));
    this.nonResourceRouters.get("/metrics", this.metrics.handler());
    // Discovery and OpenAPI answer for the whole chain below this server;
    // a group or version no server knows falls through to the delegate and its 404.
    this.nonResourceRouters.use(createDiscoveryRouter(this.discovery, this.config.discovery));
    this.nonResourceRouters.use(createOpenAPIRouter(this.openAPI));
    // The non-resource routes are express's: its app gives them its request and response helpers.
    const nonResourceApp = express();
    nonResourceApp.disable("x-powered-by");
    nonResourceApp.set("etag", false);
    nonResourceApp.use(this.nonResourceRouters);
    // (The app itself turns them into express's Request and Response, by prototype.) Resource
    // requests (a delegate's groups, custom resources) pass it by: they would only pay for
    // express's routing and keep its prototypes all the way down the chain.
    const nonResource: Handler = (req, res, next) => {
      if (maybeRequestContext(req)?.requestInfo.isResourceRequest) return next();
      nonResourceApp(req as express.Request, res as express.Response, next);
    };
    const toDelegate: Handler = (req, res, next) => {
      if (this.delegate) return this.delegate.unprotectedHandler(req, res, next);
      writeStatusError(res, notFound());
    };
    return handlerSequence([byPrefix, byGroup, nonResource, toDelegate]);
  }

  /**
   * The filters, outermost first, as upstream's DefaultBuildHandlerChain
   * (minus audit, CORS and priority-and-fairness, which come later). Each
   * is one file in src/filters; they and the director run as one
   * handlerSequence (handler-sequence.ts says why not as express layers).
   * Panic recovery is conceptually the outermost filter: it receives
   * whatever any filter or handler threw or passed on.
   */
  private buildHandlerChain(): (req: IncomingMessage, res: ServerResponse) => void {
    const limits = this.limits;
    const authn = this.config.authentication ?? {};
    const isLongRunning = isLongRunningRequest;

    const chain = handlerSequence([
      withRequestInfo(),
      withRequestMetrics({ metrics: this.metrics, isLongRunning }),
      this.inFlight.filter(isLongRunning),
      withRequestTimeout({ requestTimeoutMs: limits.requestTimeoutMs, isLongRunning }),
      withAuthentication({
        // The loopback token first, as upstream puts it in front of the configured authenticators.
        authenticator: new UnionAuthenticator([new LoopbackTokenAuthenticator(this.loopbackToken), ...(authn.authenticators ?? [])]),
        anonymous: authn.anonymous ?? false,
        logger: this.logger,
      }),
      // One authorizer for both questions: may the user act as someone else, and may (that) user do this.
      withImpersonation({ authorizer: this.authorizer, logger: this.logger }),
      withMaxInFlightLimit({
        maxReadOnly: limits.maxRequestsInFlight,
        maxMutating: limits.maxMutatingRequestsInFlight,
        isLongRunning,
        onChange: (kind, count) => this.metrics.setInflight(kind, count),
      }),
      withAuthorization({ authorizer: this.authorizer, logger: this.logger }),
      withBodyLimit({ maxBodyBytes: limits.maxBodyBytes, isLongRunning }),
      this.unprotectedHandler,
    ]);
    const recover = withPanicRecovery(this.logger);
    return (req, res) =>
      chain(req, res, (err) => {
        if (err !== undefined && err !== null) recover(err, req, res);
        // (The director always answers: its last step is the delegate, or 404.)
      });
  }

  // ---- running -------------------------------------------------------------

  /** Starts serving HTTPS, then runs the post-start hooks (of the whole delegation chain). */
  async listen(): Promise<void> {
    const serving = this.config.serving;
    if (!serving) throw new Error(`${this.name}: cannot listen without a serving configuration`);
    if (this.httpsServer) throw new Error(`${this.name}: already listening`);

    // The CAs of every authenticator that reads client certificates (x509 users, front proxies).
    const clientCAs = (this.config.authentication?.authenticators ?? []).filter(readsClientCertificates).map((a) => a.clientCA);
    const server = https.createServer(
      {
        cert: serving.cert,
        key: serving.key,
        // Ask for a client certificate, but let the handshake succeed without
        // a valid one: the x509 authenticator reads the verdict, and a client
        // without a certificate may still present a token.
        ...(clientCAs.length > 0 ? { requestCert: true, rejectUnauthorized: false, ca: clientCAs } : {}),
      },
      this.handler,
    );
    // Requests that ask to switch protocols (exec, attach, port-forward, proxied WebSockets) go through the same chain.
    server.on("upgrade", upgradeListener(this.handler));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(serving.port ?? 0, serving.bindAddress ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.httpsServer = server;
    this.logger.info(`${this.name}: serving securely on ${serving.bindAddress ?? "127.0.0.1"}:${this.port}`);

    this.ownLoopbackClient = new RESTClient({
      host: loopbackHost(serving.bindAddress ?? "127.0.0.1"),
      port: this.port,
      token: this.loopbackToken,
      servingCert: serving.cert,
      userAgent: `${this.name}/loopback`,
    });
    const chain = this.delegationChain();
    for (const member of chain) member.listeningServer = this;
    // Every informer, watch and work queue of every hook listens to this one signal: more than Node's default 10.
    setMaxListeners(0, this.stopping.signal);
    const ctx = { signal: this.stopping.signal, loopbackClient: this.ownLoopbackClient };
    for (const member of chain) member.postStartHooks.start(ctx, this.logger);
  }

  /**
   * A client of the server that listens (this one, or the outermost server of
   * its chain), authenticated as `system:apiserver` in `system:masters`, for
   * in-process controllers (upstream: LoopbackClientConfig). Its requests go
   * through the whole handler chain, so they reach every server of the chain.
   * Only usable once that server listens; post-start hooks get it in their context.
   */
  get loopbackClient(): RESTClient {
    const client = this.listeningServer?.ownLoopbackClient;
    if (client === undefined || this.listeningServer?.isListening !== true) {
      throw new Error(`${this.name}: the loopback client is only usable while the server (or one delegating to it) listens`);
    }
    return client;
  }

  get isListening(): boolean {
    return this.httpsServer?.listening ?? false;
  }

  /** The port the server listens on (useful with port 0). */
  get port(): number {
    const address = this.httpsServer?.address();
    if (!address || typeof address === "string") throw new Error(`${this.name}: not listening`);
    return (address as AddressInfo).port;
  }

  /**
   * Listens, then serves until SIGTERM or SIGINT (or until `stop` is
   * aborted), then shuts down gracefully. A second signal exits at once.
   */
  async run(stop?: AbortSignal): Promise<void> {
    await this.listen();
    await new Promise<void>((resolve) => {
      const onStop = () => {
        process.off("SIGTERM", onStop);
        process.off("SIGINT", onStop);
        stop?.removeEventListener("abort", onStop);
        resolve();
      };
      process.once("SIGTERM", onStop);
      process.once("SIGINT", onStop);
      if (stop?.aborted) onStop();
      else stop?.addEventListener("abort", onStop, { once: true });
    });
    const forceExit = () => process.exit(1);
    process.once("SIGTERM", forceExit);
    process.once("SIGINT", forceExit);
    try {
      await this.shutdown();
    } finally {
      process.off("SIGTERM", forceExit);
      process.off("SIGINT", forceExit);
    }
  }

  get isShuttingDown(): boolean {
    return this.shutdownDone !== undefined;
  }

  /**
   * Graceful shutdown, as upstream's:
   *
   * 1. /readyz turns unready (its `shutdown` check fails), while the server
   *    keeps serving for `shutdown.delayMs` so load balancers can notice;
   * 2. the listener closes, post-start hooks are told to stop, long-running
   *    requests (watches) are ended, and new requests on open connections get 503;
   * 3. in-flight requests get up to `shutdown.timeoutMs` to finish;
   * 4. every connection that is left is closed.
   *
   * Calling it again returns the same promise.
   */
  shutdown(): Promise<void> {
    this.shutdownDone ??= this.drainAndClose();
    return this.shutdownDone;
  }

  private async drainAndClose(): Promise<void> {
    const delayMs = this.config.shutdown?.delayMs ?? 0;
    const timeoutMs = this.config.shutdown?.timeoutMs ?? this.limits.requestTimeoutMs;
    this.logger.info(`${this.name}: shutting down`);

    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    this.stopping.abort(new Error("the server is shutting down"));

    const server = this.httpsServer;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.inFlight.startDraining();
    server.closeIdleConnections();
    if (!(await this.inFlight.waitUntilIdle(timeoutMs))) {
      this.logger.info(`${this.name}: ${this.inFlight.count} requests still in flight after ${timeoutMs}ms; closing their connections`);
    }
    server.closeAllConnections();
    await closed;
    this.ownLoopbackClient?.close();
    this.logger.info(`${this.name}: stopped`);
  }

  private checkNotShuttingDown(): void {
    if (this.isShuttingDown) throw new Error("the server is shutting down");
  }

  /** This server and its delegates, outermost first. */
  private delegationChain(): GenericAPIServer[] {
    return [this, ...(this.delegate?.delegationChain() ?? [])];
  }
}

function unlimitedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
