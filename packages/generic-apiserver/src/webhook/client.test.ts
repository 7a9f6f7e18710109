import assert from "node:assert/strict";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { generateCA, generateServingCert } from "../server/certs.js";
import { callWebhook } from "./client.js";
import type { ServiceResolver } from "./service-resolver.js";

describe("callWebhook", () => {
  let server: https.Server;
  let port: number;
  let caBundle: string;
  let otherCA: string;
  const seen: { path: string; body: unknown }[] = [];

  before(async () => {
    const ca = await generateCA({ commonName: "webhook-ca" });
    const serving = await generateServingCert(ca, { hosts: ["127.0.0.1", "conv.webhooks.svc"] });
    caBundle = Buffer.from(ca.cert).toString("base64");
    otherCA = Buffer.from((await generateCA({ commonName: "other" })).cert).toString("base64");
    server = https.createServer({ cert: serving.cert, key: serving.key }, (req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", body: JSON.parse(text) });
        if (req.url?.startsWith("/fail")) {
          res.writeHead(500).end("boom");
          return;
        }
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ echo: JSON.parse(text) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("posts JSON to a URL, verified with the CA bundle, and adds the timeout", async () => {
    const answer = await callWebhook({ url: `https://127.0.0.1:${port}/convert`, caBundle }, { a: 1 }, { timeoutMs: 5000 });
    assert.deepEqual(answer, { echo: { a: 1 } });
    assert.equal(seen.at(-1)?.path, "/convert?timeout=5s");
  });

  it("calls a Service at its resolved endpoint and checks the certificate against <name>.<namespace>.svc", async () => {
    const resolver: ServiceResolver = { resolve: async () => ({ host: "127.0.0.1", port }) };
    const target = { service: { namespace: "webhooks", name: "conv", port: 443, path: "/convert" }, caBundle };
    assert.deepEqual(await callWebhook(target, { b: 2 }, { timeoutMs: 5000, resolver }), { echo: { b: 2 } });
    const wrongName = { service: { namespace: "other", name: "conv", port: 443 }, caBundle };
    await assert.rejects(callWebhook(wrongName, {}, { timeoutMs: 5000, resolver }), /Post "https:\/\/conv\.other\.svc\/\?timeout=5s": .*conv\.other\.svc/);
  });

  it("fails on an untrusted certificate, an error status, and a closed port", async () => {
    await assert.rejects(callWebhook({ url: `https://127.0.0.1:${port}/`, caBundle: otherCA }, {}, { timeoutMs: 5000 }), /self-signed|unable to verify|certificate/);
    await assert.rejects(callWebhook({ url: `https://127.0.0.1:${port}/fail`, caBundle }, {}, { timeoutMs: 5000 }), /responded with status 500: boom/);
    await assert.rejects(callWebhook({ url: "https://127.0.0.1:1/", caBundle }, {}, { timeoutMs: 5000 }), /ECONNREFUSED/);
  });
});
