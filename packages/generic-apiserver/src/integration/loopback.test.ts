// The loopback client: a server's own client of itself, for in-process
// controllers. It authenticates as system:apiserver (system:masters) with a
// token only the process knows, trusts only the serving certificate, is
// usable once the server listens, and reaches the whole chain. The informer
// on top of it follows a collection.

import assert from "node:assert/strict";
import https from "node:https";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { isNotFound } from "@tskube/apimachinery";
import { openEmbeddedDriver } from "@tskube/storage";
import type { Attributes } from "../admission/attributes.js";
import type { ValidatingAdmissionPlugin } from "../admission/interfaces.js";
import { X509Authenticator } from "../authentication/x509.js";
import { Informer } from "../client/informer.js";
import { RESTClient, resourcePath } from "../client/rest-client.js";
import { generateCA, generateServingCert } from "../server/certs.js";
import { silentLogger } from "../server/logger.js";
import { GenericAPIServer } from "../server/server.js";
import { EXAMPLE_GROUP, type Widget, exampleGroup } from "./example-group.js";
import { type IntegrationPKI, type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import { widget } from "./objects.js";

const T = { timeout: 20_000 };
const widgets = (namespace: string, name?: string) =>
  resourcePath({ group: EXAMPLE_GROUP, version: "v1", resource: "widgets", namespace, ...(name ? { name } : {}) });

const users: Attributes["user"][] = [];
const whoAsks: ValidatingAdmissionPlugin = { name: "WhoAsks", handles: () => true, validate: (a) => void users.push(a.user) };

let pki: IntegrationPKI;
let s: IntegrationServer;
before(async () => {
  pki = await createPKI();
  s = await startIntegrationServer(pki, { admission: [whoAsks] });
});
after(() => s.close());

/** A GET with a bearer token, without a client certificate. */
function getWithToken(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: "127.0.0.1", port: s.server.port, path: "/api", headers: { Authorization: `Bearer ${token}` }, ca: pki.ca.cert },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("loopback client", () => {
  it("is not usable before the server listens", () => {
    const server = new GenericAPIServer({ name: "idle", logger: silentLogger, processMetrics: false });
    assert.throws(() => server.loopbackClient, /only usable while the server \(or one delegating to it\) listens/);
  });

  it("authenticates as system:apiserver in system:masters, through the handler chain", T, async () => {
    const client = s.server.loopbackClient;
    users.length = 0;
    const created = await client.create<Widget>(widgets("loop"), widget("w1"));
    assert.equal(created.metadata.namespace, "loop");
    assert.equal(users[0]?.name, "system:apiserver");
    assert.deepEqual([...(users[0]?.groups ?? [])].sort(), ["system:authenticated", "system:masters"]);
    assert.match(users[0]?.uid ?? "", /^[0-9a-f-]{36}$/);

    const got = await client.get<Widget>(widgets("loop", "w1"));
    assert.equal(got.metadata.uid, created.metadata.uid);
    const list = await client.list<Widget>(widgets("loop"));
    assert.deepEqual(list.items.map((w) => w.metadata.name), ["w1"]);
    await assert.rejects(client.get(widgets("loop", "nope")), (err) => isNotFound(err));
  });

  it("a wrong token is a 401, not the loopback user", T, async () => {
    assert.equal(await getWithToken("not-the-loopback-token"), 401);
  });

  it("trusts only the serving certificate", T, async () => {
    const otherCA = await generateCA({ commonName: "other" });
    const other = await generateServingCert(otherCA);
    const impostorView = new RESTClient({ host: "127.0.0.1", port: s.server.port, token: "x", servingCert: other.cert });
    try {
      await assert.rejects(impostorView.get(widgets("loop", "w1")), /certificate/);
    } finally {
      impostorView.close();
    }
  });

  it("an informer lists, then follows changes", T, async () => {
    const client = s.server.loopbackClient;
    await client.create<Widget>(widgets("inf"), widget("a"));
    const stop = new AbortController();
    const informer = new Informer<Widget>(client, widgets("inf"));
    const events: string[] = [];
    informer.addHandlers({
      added: (w) => events.push(`added ${w.metadata.name}`),
      updated: (_old, w) => events.push(`updated ${w.metadata.name} ${w.spec?.replicas}`),
      deleted: (w) => events.push(`deleted ${w.metadata.name}`),
    });
    const running = informer.run(stop.signal);
    try {
      assert.equal(await informer.waitForSync(stop.signal), true);
      assert.deepEqual(events, ["added a"]);
      await client.create<Widget>(widgets("inf"), widget("b"));
      const b = await client.get<Widget>(widgets("inf", "b"));
      await client.update<Widget>(widgets("inf", "b"), { ...b, spec: { replicas: 3 } });
      await client.delete(widgets("inf", "a"));
      await waitFor(() => events.length >= 4);
      assert.deepEqual(events, ["added a", "added b", "updated b 3", "deleted a"]);
      assert.deepEqual(informer.list().map((w) => w.metadata.name), ["b"]);
      assert.equal(informer.get("inf/b")?.spec?.replicas, 3);
    } finally {
      stop.abort();
      await running;
    }
  });
});

describe("loopback client in a chain", () => {
  it("a delegate's post-start hook reaches the chain through the server that listens", T, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tskube-loopback-"));
    const kv = openEmbeddedDriver({ dataDir });
    const example = exampleGroup(kv, { enabled: false });
    const serving = await generateServingCert(pki.ca);
    const inner = new GenericAPIServer({ name: "inner", logger: silentLogger, processMetrics: false });
    inner.installAPIGroup(example.info);
    let fromHook: Widget | undefined;
    inner.addPostStartHook("create-a-widget", async ({ loopbackClient }) => {
      fromHook = await loopbackClient.create<Widget>(widgets("chain"), widget("from-hook"));
    });
    const outer = new GenericAPIServer({
      name: "outer",
      delegate: inner,
      serving: { cert: serving.cert, key: serving.key },
      authentication: { authenticators: [new X509Authenticator({ clientCA: pki.ca.cert })] },
      logger: silentLogger,
      processMetrics: false,
    });
    try {
      await outer.listen();
      await waitFor(() => fromHook !== undefined);
      assert.equal(fromHook?.metadata.namespace, "chain");
      // The delegate's own loopbackClient is the listening server's.
      assert.equal(inner.loopbackClient, outer.loopbackClient);
      const again = await inner.loopbackClient.get<Widget>(widgets("chain", "from-hook"));
      assert.equal(again.metadata.uid, fromHook?.metadata.uid);
    } finally {
      await outer.shutdown();
      example.destroy();
      await kv.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
