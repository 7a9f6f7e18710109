// The assembled kube-apiserver over HTTPS: its groups in discovery and the
// bootstrap hooks that /readyz waits for.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AlwaysAllowAuthorizer, type GenericAPIServer, generateCA, generateServingCert, silentLogger } from "@tskube/generic-apiserver";
import { openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "../registry/storage-factory.js";
import { createKubeAPIServer } from "./kube-apiserver.js";

function get(port: number, ca: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: "127.0.0.1", port, path, ca, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

describe("kube-apiserver", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-kube-apiserver-"));
  const kv = openEmbeddedDriver({ dataDir });
  const storage = new StorageFactory({ kv, watchCache: { enabled: false } });
  let server: GenericAPIServer;
  let ca: string;

  before(async () => {
    const authority = await generateCA({ commonName: "test-ca" });
    const serving = await generateServingCert(authority);
    ca = authority.cert;
    server = createKubeAPIServer({
      storage,
      generic: {
        serving: { cert: serving.cert, key: serving.key, port: 0 },
        authentication: { authenticators: [], anonymous: true },
        authorization: { authorizer: new AlwaysAllowAuthorizer() },
        logger: silentLogger,
      },
    });
    await server.listen();
  });
  after(async () => {
    await server?.shutdown();
    storage.destroy();
    await kv.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the batch, policy, scheduling and coordination groups", async () => {
    const { body } = await get(server.port, ca, "/apis");
    const groups = (JSON.parse(body) as { groups: { name: string; preferredVersion: { groupVersion: string } }[] }).groups;
    const versions = groups.map((g) => g.preferredVersion.groupVersion);
    for (const gv of ["batch/v1", "policy/v1", "scheduling.k8s.io/v1", "coordination.k8s.io/v1"]) assert.ok(versions.includes(gv), gv);
  });

  it("creates the system priority classes in the post-start hook /readyz waits for", async () => {
    let ready = { status: 0, body: "" };
    for (let i = 0; i < 100 && ready.status !== 200; i++) {
      ready = await get(server.port, ca, "/readyz?verbose");
      if (ready.status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(ready.status, 200, ready.body);
    assert.match(ready.body, /\[\+\]poststarthook\/scheduling\/bootstrap-system-priority-classes ok/);
    const { body } = await get(server.port, ca, "/apis/scheduling.k8s.io/v1/priorityclasses");
    const items = (JSON.parse(body) as { items: { metadata: { name: string }; value: number }[] }).items;
    assert.deepEqual(items.map((pc) => [pc.metadata.name, pc.value]), [
      ["system-cluster-critical", 2000000000],
      ["system-node-critical", 2000001000],
    ]);
  });
});
