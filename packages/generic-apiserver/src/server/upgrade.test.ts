// Requests that ask to switch protocols go through the whole handler chain:
// refused by authentication like any request, and handed the raw socket by
// `takeUpgrade` once they reach a handler that serves upgrades.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import tls from "node:tls";
import { Router } from "express";
import { AlwaysAllowAuthorizer } from "../authorization/always.js";
import { X509Authenticator } from "../authentication/x509.js";
import { requestContext } from "../request/context.js";
import { silentLogger } from "./logger.js";
import { GenericAPIServer } from "./server.js";
import { createTestPKI, type TestPKI } from "./test-support.js";
import { isUpgradeRequest, takeUpgrade } from "./upgrade.js";

/** Sends a raw upgrade request; resolves with everything the server sent before closing (or `untilText` appeared). */
function rawUpgrade(
  port: number,
  pki: TestPKI,
  opts: { path: string; withCert: boolean; afterHeaders?: string; untilText?: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      ca: pki.ca.cert,
      servername: "localhost",
      ...(opts.withCert ? { cert: pki.admin.cert, key: pki.admin.key } : {}),
    });
    let received = "";
    socket.setEncoding("utf8");
    socket.on("secureConnect", () => {
      socket.write(
        `GET ${opts.path} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: tskube-echo\r\n\r\n${opts.afterHeaders ?? ""}`,
      );
    });
    socket.on("data", (chunk: string) => {
      received += chunk;
      if (opts.untilText !== undefined && received.includes(opts.untilText)) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on("end", () => resolve(received));
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, 5_000).unref();
  });
}

describe("upgraded connections", () => {
  let pki: TestPKI;
  let server: GenericAPIServer;

  before(async () => {
    pki = await createTestPKI();
    server = new GenericAPIServer({
      name: "upgrade-test",
      serving: { cert: pki.serving.cert, key: pki.serving.key },
      authentication: { authenticators: [new X509Authenticator({ clientCA: pki.ca.cert })] },
      authorization: { authorizer: new AlwaysAllowAuthorizer() },
      logger: silentLogger,
      processMetrics: false,
    });
    const router = Router();
    // Echoes what the client sends after switching protocols, prefixed with the user the chain authenticated.
    router.get("/echo", (req, res) => {
      const upgrade = takeUpgrade(req, res);
      if (upgrade === undefined) {
        res.status(400).end("not an upgrade");
        return;
      }
      const user = requestContext(req).user?.name ?? "";
      upgrade.socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: tskube-echo\r\n\r\nuser=${user};`);
      upgrade.socket.write(upgrade.head);
      upgrade.socket.pipe(upgrade.socket);
    });
    router.get("/plain", (req, res) => {
      res.status(200).end(`upgrade requested: ${isUpgradeRequest(req)}`);
    });
    server.addNonResourceRouter(router);
    await server.listen();
  });
  after(() => server.shutdown());

  it("an unauthenticated upgrade request gets the 401 Status on its socket", async () => {
    const answer = await rawUpgrade(server.port, pki, { path: "/echo", withCert: false });
    assert.match(answer, /^HTTP\/1\.1 401 Unauthorized\r\n/);
    assert.match(answer, /"reason":"Unauthorized"/);
  });

  it("a handler takes over the socket, after the filters authenticated the user", async () => {
    const answer = await rawUpgrade(server.port, pki, { path: "/echo", withCert: true, afterHeaders: "ping", untilText: "ping" });
    assert.match(answer, /^HTTP\/1\.1 101 Switching Protocols\r\n/);
    assert.match(answer, /user=admin;ping/);
  });

  it("a handler that does not serve upgrades answers normally and the connection closes", async () => {
    const answer = await rawUpgrade(server.port, pki, { path: "/plain", withCert: true });
    assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(answer, /upgrade requested: true$/);
  });
});
