import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import { type EmbeddedDriver, openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "../registry/storage-factory.js";
import { generateCA, generateServingCert } from "../server/certs.js";
import { ServiceResolver, serviceInformers } from "../services/service-resolver.js";
import { callWebhook } from "./client.js";

describe("callWebhook", () => {
  let server: https.Server;
  let port: number;
  let caBundle: string;
  let otherCA: string;
  const seen: { path: string; body: unknown }[] = [];
  // Services of the webhook server, found as the server finds them: in storage, through a ServiceResolver.
  let dir: string;
  let kv: EmbeddedDriver;
  let factory: StorageFactory;
  let resolver: ServiceResolver;
  const stop = new AbortController();

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

    dir = mkdtempSync(join(tmpdir(), "tskube-webhook-"));
    kv = openEmbeddedDriver({ dataDir: dir });
    factory = new StorageFactory({ kv });
    for (const namespace of ["webhooks", "other"]) {
      await factory.storageFor<KubeObject>("/services").create(`/services/${namespace}/conv`, {
        metadata: { name: "conv", namespace },
        spec: { ports: [{ name: "https", port: 443 }] },
      } as KubeObject);
      // Endpoint IPs may not be loopback ones; an FQDN slice under .localhost names this host.
      await factory.storageFor<KubeObject>("/endpointslices").create(`/endpointslices/${namespace}/conv-1`, {
        metadata: { name: "conv-1", namespace, labels: { "kubernetes.io/service-name": "conv" } },
        addressType: "FQDN",
        endpoints: [{ addresses: ["conv.localhost"] }],
        ports: [{ name: "https", port }],
      } as KubeObject);
    }
    resolver = new ServiceResolver(serviceInformers(factory));
    await resolver.start(stop.signal);
  });
  after(async () => {
    stop.abort();
    factory.destroy();
    await kv.close();
    rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("posts JSON to a URL, verified with the CA bundle, and adds the timeout", async () => {
    const answer = await callWebhook({ url: `https://127.0.0.1:${port}/convert`, caBundle }, { a: 1 }, { timeoutMs: 5000 });
    assert.deepEqual(answer, { echo: { a: 1 } });
    assert.equal(seen.at(-1)?.path, "/convert?timeout=5s");
  });

  it("calls a Service at its resolved endpoint and checks the certificate against <name>.<namespace>.svc", async () => {
    const target = { service: { namespace: "webhooks", name: "conv", port: 443, path: "/convert" }, caBundle };
    assert.deepEqual(await callWebhook(target, { b: 2 }, { timeoutMs: 5000, resolver }), { echo: { b: 2 } });
    assert.equal(seen.at(-1)?.path, "/convert?timeout=5s");
    const wrongName = { service: { namespace: "other", name: "conv", port: 443 }, caBundle };
    await assert.rejects(callWebhook(wrongName, {}, { timeoutMs: 5000, resolver }), /Post "https:\/\/conv\.other\.svc:443\/\?timeout=5s": .*conv\.other\.svc/);
  });

  it("fails as upstream's dialer does when the Service cannot be resolved", async () => {
    const missing = { service: { namespace: "webhooks", name: "gone", port: 443, path: "/convert" }, caBundle };
    await assert.rejects(callWebhook(missing, {}, { timeoutMs: 5000, resolver }), {
      message: 'Post "https://gone.webhooks.svc:443/convert?timeout=5s": service "gone" not found',
    });
    const wrongPort = { service: { namespace: "webhooks", name: "conv", port: 8443 }, caBundle };
    await assert.rejects(callWebhook(wrongPort, {}, { timeoutMs: 5000, resolver }), {
      message: 'Post "https://conv.webhooks.svc:8443/?timeout=5s": no service port 8443 found for service "conv"',
    });
    await assert.rejects(callWebhook(missing, {}, { timeoutMs: 5000 }), { message: "no service resolver configured" });
  });

  it("fails on an untrusted certificate, an error status, and a closed port", async () => {
    await assert.rejects(callWebhook({ url: `https://127.0.0.1:${port}/`, caBundle: otherCA }, {}, { timeoutMs: 5000 }), /self-signed|unable to verify|certificate/);
    await assert.rejects(callWebhook({ url: `https://127.0.0.1:${port}/fail`, caBundle }, {}, { timeoutMs: 5000 }), /responded with status 500: boom/);
    await assert.rejects(callWebhook({ url: "https://127.0.0.1:1/", caBundle }, {}, { timeoutMs: 5000 }), /ECONNREFUSED/);
  });
});
