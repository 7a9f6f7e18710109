// A real GenericAPIServer over HTTPS on 127.0.0.1, driven the way clients
// drive it: certificates, tokens, and what comes back on the wire.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import express, { Router, type RequestHandler } from "express";
import { newNotFound, type KubeObject, type Status } from "@tskube/apimachinery";
import { z } from "zod";
import type { RESTStorage, ResourceStorage } from "../registry/rest-storage.js";
import { AlwaysAllowAuthorizer, AlwaysDenyAuthorizer } from "../authorization/always.js";
import type { Authorizer } from "../authorization/authorizer.js";
import { BearerTokenAuthenticator } from "../authentication/bearer-token.js";
import { StaticTokenAuthenticator } from "../authentication/static-token.js";
import { X509Authenticator } from "../authentication/x509.js";
import type { Authenticator } from "../authentication/authenticator.js";
import { requestContext } from "../request/context.js";
import { namedCheck } from "../health/health-check.js";
import type { Handler } from "./handler-sequence.js";
import { GenericAPIServer } from "./server.js";
import type { GenericAPIServerConfig } from "./config.js";
import { silentLogger } from "./logger.js";
import { generateClientCert } from "./certs.js";
import { createTestPKI, request, type TestPKI, type TestRequest } from "./test-support.js";

const TEST_TIMEOUT = { timeout: 20_000 };

let pki: TestPKI;
before(async () => {
  pki = await createTestPKI();
});

/** Routes the tests call, mounted as non-resource routes (the director treats every path alike). */
function testRoutes(): Router {
  const router = Router();
  router.get("/whoami", (req, res) => {
    res.json({ user: requestContext(req).user, authorization: req.headers.authorization ?? null });
  });
  router.get("/api/v1/namespaces/:ns/pods/:name", (_req, res) => {
    res.json({ kind: "Pod" });
  });
  router.get("/panic", () => {
    throw new Error("boom");
  });
  router.get("/panic-async", async () => {
    await Promise.resolve();
    throw new Error("async boom");
  });
  return router;
}

interface Harness {
  server: GenericAPIServer;
  call(path: string, opts?: TestRequest): ReturnType<typeof request>;
}

const running: GenericAPIServer[] = [];
after(async () => {
  await Promise.all(running.map((server) => server.shutdown()));
});

/**
 * Mounts express routers on a test server for every path: non-resource
 * routers never see resource paths, so those (the fake pods and configmaps
 * the tests use) are mounted with handlePrefix too, ahead of any group.
 */
function mountTestRoutes(server: GenericAPIServer, ...routers: RequestHandler[]): void {
  const app = express();
  for (const router of routers) app.use(router);
  const handler: Handler = (req, res, next) => {
    app(req as express.Request, res as express.Response, next);
  };
  server.handlePrefix("/api", handler);
  server.handlePrefix("/apis", handler);
  server.addNonResourceRouter(app);
}

async function startServer(config: Partial<GenericAPIServerConfig> = {}, ...routers: RequestHandler[]): Promise<Harness> {
  const tokens = new StaticTokenAuthenticator({
    "alice-token": { name: "alice", groups: ["dev"] },
    "root-token": { name: "root", groups: ["system:masters"] },
  });
  const server = new GenericAPIServer({
    name: "test-apiserver",
    serving: { cert: pki.serving.cert, key: pki.serving.key },
    authentication: {
      authenticators: [new X509Authenticator({ clientCA: pki.ca.cert }), new BearerTokenAuthenticator([tokens])],
      anonymous: true,
    },
    authorization: { authorizer: new AlwaysAllowAuthorizer() },
    shutdown: { timeoutMs: 2000 },
    logger: silentLogger,
    processMetrics: false,
    ...config,
  });
  mountTestRoutes(server, testRoutes(), ...routers);
  await server.listen();
  running.push(server);
  return { server, call: (path, opts) => request(server.port, pki.ca.cert, path, opts) };
}

function statusOf(body: string): Status {
  const status = JSON.parse(body) as Status;
  assert.equal(status.kind, "Status");
  assert.equal(status.apiVersion, "v1");
  assert.equal(status.status, "Failure");
  return status;
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("authentication", () => {
  let h: Harness;
  before(async () => {
    h = await startServer({
      authentication: {
        authenticators: [
          new X509Authenticator({ clientCA: pki.ca.cert }),
          new BearerTokenAuthenticator([new StaticTokenAuthenticator({ "alice-token": { name: "alice", groups: ["dev"] } })]),
        ],
      },
    });
  });

  it("knows a client certificate's user: CN is the name, O the groups, plus system:authenticated", TEST_TIMEOUT, async () => {
    const res = await h.call("/whoami", { clientCert: pki.alice });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json().user, { name: "alice", groups: ["dev", "qa", "system:authenticated"] });
  });

  it("knows a bearer token's user and strips the Authorization header", TEST_TIMEOUT, async () => {
    const res = await h.call("/whoami", { token: "alice-token" });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json().user, { name: "alice", groups: ["dev", "system:authenticated"] });
    assert.equal(res.json().authorization, null);
  });

  for (const [what, opts] of [
    ["a certificate from a foreign CA", { clientCert: "foreign" }],
    ["an expired certificate", { clientCert: "expired" }],
    ["an unknown bearer token", { token: "wrong" }],
    ["no credentials, with anonymous requests off", {}],
  ] as const) {
    it(`answers 401 Unauthorized to ${what}`, TEST_TIMEOUT, async () => {
      const clientCert = "clientCert" in opts ? pki[opts.clientCert] : undefined;
      const res = await h.call("/whoami", { ...(clientCert ? { clientCert } : {}), ...("token" in opts ? { token: opts.token } : {}) });
      assert.equal(res.status, 401);
      assert.match(String(res.headers["content-type"]), /application\/json/);
      const status = statusOf(res.body);
      assert.equal(status.reason, "Unauthorized");
      assert.equal(status.message, "Unauthorized");
      assert.equal(status.code, 401);
    });
  }

  it("reads a connection's certificate once, and stops accepting it once it expires", TEST_TIMEOUT, async () => {
    const validForMs = 3000;
    const shortLived = await generateClientCert(pki.ca, { user: "brief", notAfter: new Date(Date.now() + validForMs) });
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: pki.ca.cert, cert: shortLived.cert, key: shortLived.key });
    const whoami = () =>
      new Promise<{ status: number; reusedSocket: boolean }>((resolve, reject) => {
        const req = https.get({ host: "127.0.0.1", port: h.server.port, path: "/whoami", agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket }));
        });
        req.on("error", reject);
      });
    try {
      assert.equal((await whoami()).status, 200);
      const second = await whoami();
      assert.deepEqual(second, { status: 200, reusedSocket: true });
      // X.509 times have whole seconds: wait past the expiry, on the same connection.
      await new Promise((resolve) => setTimeout(resolve, validForMs + 1000 - (Date.now() % 1000)));
      assert.deepEqual(await whoami(), { status: 401, reusedSocket: true });
    } finally {
      agent.destroy();
    }
  });

  it("sends an Audit-ID header, echoing the client's", TEST_TIMEOUT, async () => {
    const generated = await h.call("/whoami", { token: "alice-token" });
    assert.match(String(generated.headers["audit-id"]), /^[0-9a-f-]{36}$/);
    const echoed = await h.call("/whoami", { token: "alice-token", headers: { "Audit-ID": "my-audit-id" } });
    assert.equal(echoed.headers["audit-id"], "my-audit-id");
    const refused = await h.call("/whoami");
    assert.ok(refused.headers["audit-id"], "refused requests carry an Audit-ID too");
  });
});

describe("anonymous requests", () => {
  it("proceed as system:anonymous in system:unauthenticated when enabled", TEST_TIMEOUT, async () => {
    const h = await startServer({ authentication: { authenticators: [], anonymous: true } });
    const res = await h.call("/whoami");
    assert.equal(res.status, 200);
    assert.deepEqual(res.json().user, { name: "system:anonymous", groups: ["system:unauthenticated"] });
  });

  it("do not cover failed logins: a bad token is still 401", TEST_TIMEOUT, async () => {
    const tokens = new BearerTokenAuthenticator([new StaticTokenAuthenticator({})]);
    const h = await startServer({ authentication: { authenticators: [tokens], anonymous: true } });
    assert.equal((await h.call("/whoami", { token: "nope" })).status, 401);
  });
});

describe("authorization", () => {
  let h: Harness;
  before(async () => {
    h = await startServer({
      authentication: {
        authenticators: [
          new X509Authenticator({ clientCA: pki.ca.cert }),
          new BearerTokenAuthenticator([new StaticTokenAuthenticator({ "alice-token": { name: "alice", groups: [] } })]),
        ],
        anonymous: true,
      },
      authorization: { authorizer: new AlwaysDenyAuthorizer() },
    });
  });

  const cases: [string, string, string, Status["details"]][] = [
    [
      "GET",
      "/api/v1/namespaces/n/pods/x",
      'pods "x" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "n": Everything is forbidden.',
      { name: "x", kind: "pods" },
    ],
    [
      "GET",
      "/apis/apps/v1/deployments",
      'deployments.apps is forbidden: User "alice" cannot list resource "deployments" in API group "apps" at the cluster scope: Everything is forbidden.',
      { group: "apps", kind: "deployments" },
    ],
    [
      "PUT",
      "/apis/apps/v1/namespaces/n/deployments/d/scale",
      'deployments.apps "d" is forbidden: User "alice" cannot update resource "deployments/scale" in API group "apps" in the namespace "n": Everything is forbidden.',
      { name: "d", group: "apps", kind: "deployments" },
    ],
    ["GET", "/metrics", 'forbidden: User "alice" cannot get path "/metrics": Everything is forbidden.', {}],
  ];
  for (const [method, path, message, details] of cases) {
    it(`403 says who was denied what: ${method} ${path}`, TEST_TIMEOUT, async () => {
      const res = await h.call(path, { method, token: "alice-token" });
      assert.equal(res.status, 403);
      const status = statusOf(res.body);
      assert.equal(status.reason, "Forbidden");
      assert.equal(status.message, message);
      assert.deepEqual(status.details, details);
    });
  }

  it("lets system:masters through whatever the authorizer says", TEST_TIMEOUT, async () => {
    const res = await h.call("/api/v1/namespaces/n/pods/x", { clientCert: pki.admin });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { kind: "Pod" });
  });

  it("lets anyone, even anonymous, read the health endpoints and /version", TEST_TIMEOUT, async () => {
    for (const path of ["/healthz", "/livez", "/readyz", "/version"]) {
      assert.equal((await h.call(path)).status, 200, path);
    }
    // A single check's own endpoint gives details: it needs permission.
    assert.equal((await h.call("/readyz/ping")).status, 403);
    assert.equal((await h.call("/readyz/ping", { clientCert: pki.admin })).status, 200);
  });
});

describe("panic recovery", () => {
  it("turns a throwing handler into a 500 Status and keeps serving", TEST_TIMEOUT, async () => {
    const h = await startServer();
    for (const path of ["/panic", "/panic-async"]) {
      const res = await h.call(path, { token: "alice-token" });
      assert.equal(res.status, 500);
      const status = statusOf(res.body);
      assert.equal(status.reason, "InternalError");
      assert.equal(status.code, 500);
      assert.doesNotMatch(String(status.message), /boom/, "internal details stay in the log");
    }
    assert.equal((await h.call("/healthz")).status, 200);
    assert.equal((await h.call("/whoami", { token: "alice-token" })).status, 200);
  });
});

describe("in-flight limits", () => {
  it("answers 429 with Retry-After when full, counting reads and writes apart, exempting watches and system:masters", TEST_TIMEOUT, async () => {
    const release = gate();
    const entered: string[] = [];
    const holding = Router();
    holding.all("/api/v1/namespaces/n/configmaps{/:name}", async (req, res) => {
      entered.push(req.method);
      await release.opened;
      res.json({ ok: true });
    });
    const h = await startServer({ limits: { maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 } }, holding);
    const alice = { token: "alice-token" };

    const heldRead = h.call("/api/v1/namespaces/n/configmaps/a", alice);
    const heldWrite = h.call("/api/v1/namespaces/n/configmaps", { ...alice, method: "POST", body: "{}" });
    while (entered.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));

    const rejectedRead = await h.call("/api/v1/namespaces/n/configmaps/b", alice);
    assert.equal(rejectedRead.status, 429);
    assert.equal(rejectedRead.headers["retry-after"], "1");
    const status = statusOf(rejectedRead.body);
    assert.equal(status.reason, "TooManyRequests");
    assert.equal(status.details?.retryAfterSeconds, 1);
    assert.equal((await h.call("/api/v1/namespaces/n/configmaps/c", { ...alice, method: "DELETE" })).status, 429);

    // A watch is long-running: not counted, not refused.
    const watch = h.call("/api/v1/namespaces/n/configmaps?watch=true", alice);
    // system:masters is never refused.
    const admin = h.call("/api/v1/namespaces/n/configmaps/d", { clientCert: pki.admin });
    while (entered.length < 4) await new Promise((resolve) => setTimeout(resolve, 10));

    release.open();
    for (const res of await Promise.all([heldRead, heldWrite, watch, admin])) assert.equal(res.status, 200);
    assert.equal((await h.call("/api/v1/namespaces/n/configmaps/e", alice)).status, 200, "slots are freed");
  });
});

describe("request timeout", () => {
  let h: Harness;
  before(async () => {
    const slow = Router();
    slow.get("/api/v1/namespaces/n/secrets{/:name}", (req, res) => {
      // Answers after ?delay ms (default 5 s) unless its signal is aborted first.
      const signal = requestContext(req).signal;
      const timer = setTimeout(() => res.json({ late: true }), Number(req.query.delay ?? 5000));
      signal.addEventListener("abort", () => clearTimeout(timer));
    });
    slow.get("/api/v1/namespaces/n/configmaps/ignoring-deadline", (_req, res) => {
      // A handler that ignores its signal and answers late anyway.
      setTimeout(() => res.status(200).json({ late: true }), 400);
    });
    h = await startServer({ limits: { requestTimeoutMs: 1000 } }, slow);
  });
  const alice = { token: "alice-token" };

  it("answers 504 Timeout when a request outlives the deadline", TEST_TIMEOUT, async () => {
    const res = await h.call("/api/v1/namespaces/n/secrets/x", alice);
    assert.equal(res.status, 504);
    const status = statusOf(res.body);
    assert.equal(status.reason, "Timeout");
    assert.equal(status.message, "Timeout: request did not complete within requested timeout - context deadline exceeded");
  });

  it("drops what a handler writes after the 504", TEST_TIMEOUT, async () => {
    const res = await h.call("/api/v1/namespaces/n/configmaps/ignoring-deadline?timeout=100ms", alice);
    assert.equal(res.status, 504);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await h.call("/healthz")).status, 200, "the server survives the late write");
  });

  it("lets ?timeout= shorten the deadline but not extend it, and rejects a malformed one", TEST_TIMEOUT, async () => {
    const started = Date.now();
    assert.equal((await h.call("/api/v1/namespaces/n/secrets/x?timeout=100ms", alice)).status, 504);
    assert.ok(Date.now() - started < 900, "the shorter deadline applied");
    assert.equal((await h.call("/api/v1/namespaces/n/secrets/x?timeout=1h&delay=1500", alice)).status, 504);
    const bad = await h.call("/api/v1/namespaces/n/secrets/x?timeout=soon", alice);
    assert.equal(bad.status, 400);
    assert.equal(statusOf(bad.body).message, 'invalid timeout specified in the request URL - time: invalid duration "soon"');
  });

  it("does not time out a watch", TEST_TIMEOUT, async () => {
    const res = await h.call("/api/v1/namespaces/n/secrets?watch=1&delay=1300", alice);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { late: true });
  });
});

describe("request body limit", () => {
  let h: Harness;
  before(async () => {
    const echo = Router();
    echo.post("/api/v1/namespaces/n/configmaps", async (req, res) => {
      let size = 0;
      for await (const chunk of req) size += (chunk as Buffer).length;
      res.json({ size });
    });
    h = await startServer({}, echo);
  });
  const MiB = 1024 * 1024;

  it("passes a body within 3 MiB on to the handler", TEST_TIMEOUT, async () => {
    const res = await h.call("/api/v1/namespaces/n/configmaps", { method: "POST", token: "alice-token", body: Buffer.alloc(3 * MiB) });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { size: 3 * MiB });
  });

  it("answers 413 to a larger body", TEST_TIMEOUT, async () => {
    const res = await h.call("/api/v1/namespaces/n/configmaps", { method: "POST", token: "alice-token", body: Buffer.alloc(3 * MiB + 1) });
    assert.equal(res.status, 413);
    const status = statusOf(res.body);
    assert.equal(status.reason, "RequestEntityTooLarge");
    assert.equal(status.message, `Request entity too large: limit is ${3 * MiB}`);
  });

  it("answers 413 to a larger chunked body, which has no Content-Length", TEST_TIMEOUT, async () => {
    const res = await h.call("/api/v1/namespaces/n/configmaps", {
      method: "POST",
      token: "alice-token",
      headers: { "Transfer-Encoding": "chunked" },
      body: Buffer.alloc(3 * MiB + 1024),
    });
    assert.equal(res.status, 413);
    assert.equal(statusOf(res.body).reason, "RequestEntityTooLarge");
    // The body was cut short, so the connection cannot carry another request.
    assert.equal(res.headers.connection, "close");
  });
});

describe("delegation", () => {
  it("sends paths it does not serve to the delegate, runs filters once, and ends in a 404 Status", TEST_TIMEOUT, async () => {
    const delegate = new GenericAPIServer({ name: "delegate", logger: silentLogger, processMetrics: false });
    const delegated = Router();
    delegated.get("/apis/example.com/v1/widgets", (req, res) => res.json({ servedBy: "delegate", user: requestContext(req).user?.name }));
    mountTestRoutes(delegate, delegated);
    delegate.addHealthCheck(namedCheck("delegate-check", () => {}));
    let hookRan = false;
    delegate.addPostStartHook("delegate-hook", () => {
      hookRan = true;
    });

    let authentications = 0;
    const counting: Authenticator = {
      async authenticate() {
        authentications++;
        return { kind: "user", user: { name: "bob", groups: [] } };
      },
    };
    const h = await startServer({ delegate, authentication: { authenticators: [counting] } });

    const res = await h.call("/apis/example.com/v1/widgets");
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { servedBy: "delegate", user: "bob" });
    assert.equal(authentications, 1, "the delegate does not authenticate again");

    const missing = await h.call("/apis/nothing.example.com/v1/things");
    assert.equal(missing.status, 404);
    const status = statusOf(missing.body);
    assert.equal(status.reason, "NotFound");
    assert.equal(status.message, "the server could not find the requested resource");

    // The delegate's checks and post-start hooks belong to the chain's health.
    const readyz = await h.call("/readyz?verbose");
    assert.match(readyz.body, /\[\+\]delegate-check ok/);
    assert.match(readyz.body, /\[\+\]poststarthook\/delegate-hook ok/);
    assert.ok(hookRan);
  });

  it("serves an installed API group's resources, behind the filters", TEST_TIMEOUT, async () => {
    const widgets = widgetStorage({ w1: { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w1", namespace: "n" } } });
    const h = await startServer({ authorization: { authorizer: new AlwaysDenyAuthorizer() } });
    h.server.installAPIGroup({ name: "example.com", versions: [{ version: "v1", resources: [widgets] }] });

    const got = await h.call("/apis/example.com/v1/namespaces/n/widgets/w1", { clientCert: pki.admin });
    assert.equal(got.status, 200);
    assert.equal(got.json<KubeObject>().metadata.name, "w1");

    const missing = await h.call("/apis/example.com/v1/namespaces/n/widgets/nope", { clientCert: pki.admin });
    assert.equal(missing.status, 404);
    assert.equal(statusOf(missing.body).message, 'widgets.example.com "nope" not found');

    const denied = await h.call("/apis/example.com/v1/namespaces/n/widgets/w1", { token: "alice-token" });
    assert.equal(denied.status, 403, "the group's handlers sit behind authorization");
  });

  it("publishes discovery and OpenAPI for its own groups and every delegate's", TEST_TIMEOUT, async () => {
    const groupNamed = (name: string) => ({ name, versions: [{ version: "v1", resources: [widgetStorage({}, name)] }] });
    const innermost = new GenericAPIServer({ name: "innermost", logger: silentLogger, processMetrics: false });
    innermost.installAPIGroup(groupNamed("inner.example.com"));
    const middle = new GenericAPIServer({ name: "middle", delegate: innermost, logger: silentLogger, processMetrics: false });
    const h = await startServer({ delegate: middle });
    h.server.installAPIGroup(groupNamed("outer.example.com"));
    // A group installed after the chain was built (a CRD, say) is published too.
    middle.installAPIGroup(groupNamed("middle.example.com"));

    const apis = await h.call("/apis");
    assert.equal(apis.status, 200);
    const names = apis.json<{ groups: { name: string }[] }>().groups.map((g) => g.name);
    assert.deepEqual(names, ["outer.example.com", "middle.example.com", "inner.example.com"]);

    const aggregated = await h.call("/apis", { headers: { Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" } });
    assert.equal(aggregated.headers["content-type"], "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    const discovered = aggregated.json<{ items: { metadata: { name: string } }[] }>().items.map((g) => g.metadata.name);
    assert.deepEqual(discovered, names);

    const resources = await h.call("/apis/inner.example.com/v1");
    assert.equal(resources.status, 200);
    assert.deepEqual(resources.json<{ resources: { name: string }[] }>().resources.map((r) => r.name), ["widgets"]);

    const index = await h.call("/openapi/v3");
    assert.deepEqual(Object.keys(index.json<{ paths: object }>().paths), [
      "apis/inner.example.com/v1",
      "apis/middle.example.com/v1",
      "apis/outer.example.com/v1",
    ]);
    const v2 = await h.call("/openapi/v2");
    assert.equal(v2.status, 200);
    assert.ok("/apis/middle.example.com/v1/namespaces/{namespace}/widgets/{name}" in v2.json<{ paths: object }>().paths);

    const unknown = await h.call("/apis/nothing.example.com");
    assert.equal(unknown.status, 404);
    assert.equal(statusOf(unknown.body).reason, "NotFound");
  });

  it("keeps installed API groups and tells listeners", TEST_TIMEOUT, async () => {
    const server = new GenericAPIServer({ name: "groups", logger: silentLogger, processMetrics: false });
    let changes = 0;
    server.onChange(() => changes++);
    server.installAPIGroup({ name: "example.com", versions: [] });
    assert.deepEqual(
      server.apiGroupInfos().map((g) => g.name),
      ["example.com"],
    );
    assert.equal(changes, 1);
    assert.throws(() => server.installAPIGroup({ name: "example.com", versions: [] }), /already installed/);
  });
});

describe("health endpoints", () => {
  let h: Harness;
  let broken = true;
  const hookGate = gate();
  before(async () => {
    h = await startServer({
      healthChecks: [
        namedCheck("etcd", () => {}),
        namedCheck("flaky", () => {
          if (broken) throw new Error("flaky is down");
        }),
      ],
    });
    h.server.addReadyzCheck(namedCheck("informer-sync", () => {}));
  });

  it("answers plain ok, or 500 listing every check with the failure's reason withheld", TEST_TIMEOUT, async () => {
    broken = true;
    const failing = await h.call("/healthz");
    assert.equal(failing.status, 500);
    assert.match(String(failing.headers["content-type"]), /^text\/plain/);
    assert.equal(failing.body, "[+]ping ok\n[+]etcd ok\n[-]flaky failed: reason withheld\nhealthz check failed\n");

    broken = false;
    const ok = await h.call("/healthz");
    assert.equal(ok.status, 200);
    assert.equal(ok.body, "ok");
  });

  it("lists checks with ?verbose, skips them with ?exclude, and warns about unknown exclusions", TEST_TIMEOUT, async () => {
    broken = true;
    const excluded = await h.call("/livez?verbose&exclude=flaky&exclude=nope");
    assert.equal(excluded.status, 200);
    assert.equal(
      excluded.body,
      '[+]ping ok\n[+]etcd ok\n[+]flaky excluded: ok\nwarn: some health checks cannot be excluded: no matches for "nope"\nlivez check passed\n',
    );
    broken = false;
    const readyz = await h.call("/readyz?verbose");
    assert.equal(readyz.body, "[+]ping ok\n[+]etcd ok\n[+]flaky ok\n[+]shutdown ok\n[+]informer-sync ok\nreadyz check passed\n");
    assert.doesNotMatch((await h.call("/livez?verbose")).body, /informer-sync/, "readyz-only checks stay out of livez");
  });

  it("serves each check at its own path, with the error", TEST_TIMEOUT, async () => {
    broken = true;
    const one = await h.call("/readyz/flaky", { clientCert: pki.admin });
    assert.equal(one.status, 500);
    assert.equal(one.body, "internal server error: flaky is down\n");
    assert.equal((await h.call("/healthz/etcd", { clientCert: pki.admin })).body, "ok");
    assert.equal((await h.call("/readyz/unknown", { clientCert: pki.admin })).status, 404);
    broken = false;
  });

  it("reports a post-start hook as failing until it has finished", TEST_TIMEOUT, async () => {
    const server = new GenericAPIServer({
      name: "hooks",
      serving: { cert: pki.serving.cert, key: pki.serving.key },
      authentication: { anonymous: true },
      logger: silentLogger,
      processMetrics: false,
    });
    server.addPostStartHook("slow", () => hookGate.opened);
    await server.listen();
    running.push(server);
    const before = await request(server.port, pki.ca.cert, "/readyz");
    assert.equal(before.status, 500);
    assert.match(before.body, /\[-\]poststarthook\/slow failed: reason withheld/);
    hookGate.open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal((await request(server.port, pki.ca.cert, "/readyz")).body, "ok");
  });
});

describe("/version", () => {
  it("answers the version as JSON, Go fields reporting the Node runtime", TEST_TIMEOUT, async () => {
    const h = await startServer({ version: { gitCommit: "abc123" } });
    const info = (await h.call("/version", { token: "alice-token" })).json();
    assert.equal(info.major, "1");
    assert.equal(info.minor, "32");
    assert.equal(info.gitVersion, "v1.32.0-tskube");
    assert.equal(info.gitCommit, "abc123");
    assert.equal(info.goVersion, `node${process.versions.node}`);
    assert.match(String(info.platform), /^[a-z0-9]+\/[a-z0-9]+$/);
    for (const field of ["gitTreeState", "buildDate", "compiler"]) assert.equal(typeof info[field], "string", field);
  });
});

describe("/metrics", () => {
  it("counts requests by verb, group, resource and code, with latency histograms", TEST_TIMEOUT, async () => {
    const h = await startServer({ processMetrics: true });
    await h.call("/api/v1/namespaces/n/pods/x", { token: "alice-token" });
    await h.call("/api/v1/namespaces/n/pods/x", { token: "alice-token" });
    await h.call("/api/v1/namespaces/n/pods/x", { token: "wrong" });
    const res = await h.call("/metrics", { clientCert: pki.admin });
    assert.equal(res.status, 200);
    assert.match(String(res.headers["content-type"]), /^text\/plain/);
    const pods = 'verb="GET",dry_run="",group="",version="v1",resource="pods",subresource="",scope="resource",component="apiserver"';
    assert.ok(res.body.includes(`apiserver_request_total{${pods},code="200"} 2`), res.body);
    assert.ok(res.body.includes(`apiserver_request_total{${pods},code="401"} 1`));
    assert.ok(res.body.includes(`apiserver_request_duration_seconds_count{${pods}} 3`));
    assert.match(res.body, /apiserver_request_duration_seconds_bucket\{le="0.005",verb="GET".*resource="pods"/);
    assert.match(res.body, /apiserver_current_inflight_requests\{request_kind="readOnly"\} \d/);
    assert.match(res.body, /process_cpu_user_seconds_total/);
  });
});

describe("graceful shutdown", () => {
  it("turns unready first, lets in-flight requests finish, ends watches, and stops", TEST_TIMEOUT, async () => {
    const release = gate();
    const watchStarted = gate();
    const routes = Router();
    routes.get("/api/v1/namespaces/n/configmaps/held", async (_req, res) => {
      await release.opened;
      res.json({ finished: true });
    });
    routes.get("/api/v1/namespaces/n/configmaps", (req, res) => {
      // A watch: streams until its signal says stop, then ends cleanly.
      res.setHeader("Content-Type", "application/json");
      res.write('{"type":"ADDED"}\n');
      watchStarted.open();
      requestContext(req).signal.addEventListener("abort", () => res.end());
    });
    const h = await startServer({ shutdown: { delayMs: 400, timeoutMs: 3000 } }, routes);
    const port = h.server.port;
    const alice = { token: "alice-token" };

    const held = h.call("/api/v1/namespaces/n/configmaps/held", alice);
    const watch = h.call("/api/v1/namespaces/n/configmaps?watch=true", alice);
    await watchStarted.opened;

    const started = Date.now();
    const stopped = h.server.shutdown();

    // During the delay the server still serves, but says it is not ready.
    const readyz = await h.call("/readyz?verbose");
    assert.equal(readyz.status, 500);
    assert.match(readyz.body, /\[-\]shutdown failed: reason withheld/);
    assert.equal((await h.call("/livez")).status, 200);

    // The watch ends cleanly once draining starts; the held request is waited for.
    const watchResponse = await watch;
    assert.equal(watchResponse.status, 200);
    assert.equal(watchResponse.body, '{"type":"ADDED"}\n');
    assert.ok(Date.now() - started >= 350, "watches end after the delay, not before");
    release.open();
    assert.deepEqual((await held).json(), { finished: true });

    await stopped;
    assert.ok(Date.now() - started < 3000, "shutdown is bounded");
    await assert.rejects(request(port, pki.ca.cert, "/healthz"), /ECONNREFUSED/);
  });

  it("cuts requests that outlive the shutdown timeout", TEST_TIMEOUT, async () => {
    const stuck = Router();
    stuck.get("/api/v1/namespaces/n/configmaps/stuck", () => {});
    const h = await startServer({ shutdown: { timeoutMs: 300 } }, stuck);
    const pending = h.call("/api/v1/namespaces/n/configmaps/stuck", { token: "alice-token" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await h.server.shutdown();
    assert.ok(Date.now() - started < 1500);
    await assert.rejects(pending, /socket hang up|ECONNRESET/);
  });

  it("run() serves until stopped, then shuts down", TEST_TIMEOUT, async () => {
    const server = new GenericAPIServer({
      name: "run",
      serving: { cert: pki.serving.cert, key: pki.serving.key },
      authentication: { anonymous: true },
      logger: silentLogger,
      processMetrics: false,
    });
    const signalHandlers = process.listenerCount("SIGTERM");
    const stop = new AbortController();
    const done = server.run(stop.signal);
    while (!server.isListening) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await request(server.port, pki.ca.cert, "/healthz")).body, "ok");
    stop.abort();
    await done;
    assert.equal(server.isShuttingDown, true);
    assert.equal(process.listenerCount("SIGTERM"), signalHandlers, "no signal handlers are left behind");
  });
});

/** A read-only, in-memory "widgets" resource of example.com/v1: enough storage to route requests to. */
function widgetStorage(objects: Record<string, KubeObject>, group = "example.com"): ResourceStorage {
  const unsupported = () => Promise.reject(new Error("not supported in this test"));
  const main: RESTStorage = {
    definition: {
      group,
      version: "v1",
      kind: "Widget",
      resource: "widgets",
      singular: "widget",
      namespaced: true,
      verbs: ["get"],
      schema: z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.looseObject({}) }) as unknown as z.ZodType<KubeObject>,
      strategy: {},
    },
    async get(_scope, name) {
      const obj = objects[name];
      if (!obj) throw newNotFound({ group, resource: "widgets" }, name);
      return obj;
    },
    list: unsupported,
    watch: unsupported,
    create: unsupported,
    update: unsupported,
    delete: unsupported,
    deleteCollection: unsupported,
  };
  return { main };
}

describe("handlePrefix", () => {
  it("sends a path and everything below it to the handler, ahead of the groups and the delegate; removal restores them", TEST_TIMEOUT, async () => {
    const h = await startServer({}, testRoutes());
    const remove = h.server.handlePrefix("/apis/wardle.example.com/v1alpha1", (req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ handledBy: "prefix", path: req.url }));
    });
    const below = await h.call("/apis/wardle.example.com/v1alpha1/namespaces/x/flunders?limit=1", { clientCert: pki.admin });
    assert.deepEqual(below.json(), { handledBy: "prefix", path: "/apis/wardle.example.com/v1alpha1/namespaces/x/flunders?limit=1" });
    const itself = await h.call("/apis/wardle.example.com/v1alpha1", { clientCert: pki.admin });
    assert.equal(itself.json()["handledBy"], "prefix");
    // A longer name that merely starts the same is not below the prefix.
    const other = await h.call("/apis/wardle.example.com/v1alpha10", { clientCert: pki.admin });
    assert.equal(other.status, 404);
    remove();
    const gone = await h.call("/apis/wardle.example.com/v1alpha1/namespaces/x/flunders", { clientCert: pki.admin });
    assert.equal(gone.status, 404);
  });
});

describe("impersonation", () => {
  // alice may impersonate user jane, group dev, uid u-jane and extra scopes=read, nothing else; root (system:masters) anyone.
  const authorizer: Authorizer = {
    async authorize(attrs) {
      if (attrs.verb !== "impersonate") return { decision: "allow" };
      const allowed =
        attrs.user.name === "alice" &&
        ((attrs.resource === "users" && attrs.name === "jane") ||
          (attrs.resource === "groups" && attrs.name === "dev") ||
          (attrs.apiGroup === "authentication.k8s.io" && attrs.resource === "uids" && attrs.name === "u-jane") ||
          (attrs.apiGroup === "authentication.k8s.io" && attrs.resource === "userextras" && attrs.subresource === "scopes" && attrs.name === "read"));
      return { decision: allowed ? "allow" : "no-opinion" };
    },
  };

  it("acts as the impersonated user once each part is allowed; the headers are gone", TEST_TIMEOUT, async () => {
    const h = await startServer({ authorization: { authorizer } }, testRoutes());
    const res = await h.call("/whoami", { token: "alice-token", headers: { "Impersonate-User": "jane", "Impersonate-Group": "dev" } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json()["user"], { name: "jane", groups: ["dev", "system:authenticated"] });
  });

  it("refuses what is not allowed with upstream's message", TEST_TIMEOUT, async () => {
    const h = await startServer({ authorization: { authorizer } }, testRoutes());
    const user = await h.call("/whoami", { token: "alice-token", headers: { "Impersonate-User": "bob" } });
    assert.equal(user.status, 403);
    assert.equal(statusOf(user.body).message, 'users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
    const group = await h.call("/whoami", { token: "alice-token", headers: { "Impersonate-User": "jane", "Impersonate-Group": "system:masters" } });
    assert.equal(group.status, 403);
    assert.match(statusOf(group.body).message ?? "", /^groups "system:masters" is forbidden: User "alice" cannot impersonate resource "groups"/);
    const sa = await h.call("/whoami", { token: "alice-token", headers: { "Impersonate-User": "system:serviceaccount:ns1:builder" } });
    assert.equal(
      statusOf(sa.body).message,
      'serviceaccounts "builder" is forbidden: User "alice" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "ns1"',
    );
    // Groups without a user: a server error, as upstream.
    const noUser = await h.call("/whoami", { token: "alice-token", headers: { "Impersonate-Group": "dev" } });
    assert.equal(noUser.status, 500);
  });

  it("checks the uid and each extra value with the impersonate verb too", TEST_TIMEOUT, async () => {
    const h = await startServer({ authorization: { authorizer } }, testRoutes());
    const allowed = await h.call("/whoami", { token: "alice-token", headers: { "Impersonate-User": "jane", "Impersonate-Uid": "u-jane", "Impersonate-Extra-Scopes": "read" } });
    assert.equal(allowed.status, 200, allowed.body);
    const uid = await h.call("/whoami", { token: "alice-token", headers: { "Impersonate-User": "jane", "Impersonate-Uid": "u-root" } });
    assert.equal(uid.status, 403);
    assert.equal(statusOf(uid.body).message, 'uids.authentication.k8s.io "u-root" is forbidden: User "alice" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope');
    const extra = await h.call("/whoami", { token: "alice-token", headers: { "Impersonate-User": "jane", "Impersonate-Extra-Scopes": "write" } });
    assert.equal(extra.status, 403);
    assert.equal(
      statusOf(extra.body).message,
      'userextras.authentication.k8s.io "write" is forbidden: User "alice" cannot impersonate resource "userextras/scopes" in API group "authentication.k8s.io" at the cluster scope',
    );
  });

  it("system:masters may impersonate anyone: a service account gets its groups, anonymous stays unauthenticated, extras and uid travel", TEST_TIMEOUT, async () => {
    const h = await startServer({ authorization: { authorizer } }, testRoutes());
    const sa = await h.call("/whoami", { token: "root-token", headers: { "Impersonate-User": "system:serviceaccount:ns1:builder" } });
    assert.deepEqual(sa.json()["user"], {
      name: "system:serviceaccount:ns1:builder",
      groups: ["system:serviceaccounts", "system:serviceaccounts:ns1", "system:authenticated"],
    });
    const anonymous = await h.call("/whoami", { token: "root-token", headers: { "Impersonate-User": "system:anonymous" } });
    assert.deepEqual(anonymous.json()["user"], { name: "system:anonymous", groups: ["system:unauthenticated"] });
    const extra = await h.call("/whoami", {
      token: "root-token",
      headers: { "Impersonate-User": "jane", "Impersonate-Uid": "u-1", "Impersonate-Extra-Scopes": "read", "Impersonate-Extra-example.com%2fteam": "a" },
    });
    assert.deepEqual(extra.json()["user"], {
      name: "jane",
      groups: ["system:authenticated"],
      uid: "u-1",
      extra: { scopes: ["read"], "example.com/team": ["a"] },
    });
  });
});
