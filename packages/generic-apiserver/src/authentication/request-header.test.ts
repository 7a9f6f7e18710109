// Request-header authentication over real HTTPS: a front proxy's certificate
// makes the X-Remote-* headers believed; without it (or with a name not
// allowed) they are not, and other authenticators still work.

import assert from "node:assert/strict";
import https from "node:https";
import { after, before, describe, it } from "node:test";
import { Router } from "express";
import { AlwaysAllowAuthorizer } from "../authorization/always.js";
import { requestContext } from "../request/context.js";
import { type CertificateAndKey, generateCA, generateClientCert } from "../server/certs.js";
import { silentLogger } from "../server/logger.js";
import { GenericAPIServer } from "../server/server.js";
import { createTestPKI, type TestPKI } from "../server/test-support.js";
import { RequestHeaderAuthenticator, extraHeaderName } from "./request-header.js";
import { X509Authenticator } from "./x509.js";

const T = { timeout: 20_000 };

interface WhoAmI {
  user: { name: string; groups: string[]; extra?: Record<string, string[]> } | null;
  remaining: string[];
}

describe("RequestHeaderAuthenticator", () => {
  let pki: TestPKI;
  let proxyCA: CertificateAndKey;
  let proxy: CertificateAndKey;
  let otherProxy: CertificateAndKey;
  let server: GenericAPIServer;

  before(async () => {
    pki = await createTestPKI();
    proxyCA = await generateCA({ commonName: "front-proxy-ca" });
    [proxy, otherProxy] = await Promise.all([
      generateClientCert(proxyCA, { user: "front-proxy-client" }),
      generateClientCert(proxyCA, { user: "someone-else" }),
    ]);
    const router = Router();
    router.get("/whoami", (req, res) => {
      const remaining = req.rawHeaders.filter((_, i) => i % 2 === 0).filter((h) => h.toLowerCase().startsWith("x-remote-"));
      res.json({ user: requestContext(req).user ?? null, remaining } satisfies WhoAmI);
    });
    server = new GenericAPIServer({
      name: "request-header-test",
      serving: { cert: pki.serving.cert, key: pki.serving.key },
      authentication: {
        authenticators: [
          new RequestHeaderAuthenticator({ clientCA: proxyCA.cert, allowedNames: ["front-proxy-client"] }),
          new X509Authenticator({ clientCA: pki.ca.cert }),
        ],
        anonymous: true,
      },
      authorization: { authorizer: new AlwaysAllowAuthorizer() },
      logger: silentLogger,
      processMetrics: false,
    });
    server.addNonResourceRouter(router);
    await server.listen();
  });
  after(() => server?.shutdown());

  /** GET /whoami with repeated headers kept apart (an array of [name, value] pairs). */
  function whoami(cert: CertificateAndKey | undefined, headers: [string, string][]): Promise<{ status: number; body: WhoAmI }> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: "127.0.0.1",
          port: server.port,
          path: "/whoami",
          ca: pki.ca.cert,
          agent: false,
          // Raw headers (to repeat some): Node then adds no Host header itself.
          headers: [["Host", `127.0.0.1:${server.port}`], ...headers].flat(),
          ...(cert ? { cert: cert.cert, key: cert.key } : {}),
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: (body.startsWith("{") ? JSON.parse(body) : { user: null, remaining: [body] }) as WhoAmI }));
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it("believes the headers on the front proxy's connection, then removes them", T, async () => {
    const res = await whoami(proxy, [
      ["X-Remote-User", "alice"],
      ["X-Remote-Group", "dev"],
      ["X-Remote-Group", "qa, ops"],
      ["X-Remote-Extra-Scopes", "read"],
      ["X-Remote-Extra-Scopes", "write"],
      [extraHeaderName("X-Remote-Extra-", "authentication.kubernetes.io/pod-name"), "p1"],
    ]);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.user, {
      name: "alice",
      // Each header is one group, commas and all, as Go reads them.
      groups: ["dev", "qa, ops", "system:authenticated"],
      extra: { scopes: ["read", "write"], "authentication.kubernetes.io/pod-name": ["p1"] },
    });
    assert.deepEqual(res.body.remaining, []);
  });

  it("ignores the headers without the proxy's certificate: an x509 user stays itself, no certificate is anonymous", T, async () => {
    const asAdmin = await whoami(pki.admin, [["X-Remote-User", "mallory"]]);
    assert.equal(asAdmin.body.user?.name, "admin");
    const anonymous = await whoami(undefined, [["X-Remote-User", "mallory"]]);
    assert.equal(anonymous.body.user?.name, "system:anonymous");
  });

  it("refuses a proxy certificate whose name is not allowed", T, async () => {
    const res = await whoami(otherProxy, [["X-Remote-User", "alice"]]);
    assert.equal(res.status, 401);
  });

  it("a proxy connection without a username header is not a request-header login", T, async () => {
    // The proxy's certificate is not a user certificate of the client CA either: 401.
    const res = await whoami(proxy, [["X-Remote-Group", "dev"]]);
    assert.equal(res.status, 401);
  });
});
