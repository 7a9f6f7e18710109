// Two kube-apiservers on one etcd, as in a highly available control plane:
// Services created on both at once never share a cluster IP or node port,
// and both agree on the `kubernetes` Service.

import assert from "node:assert/strict";
import { request } from "node:https";
import { after, before, describe, it } from "node:test";
import {
  AlwaysAllowAuthorizer,
  type GenericAPIServer,
  generateCA,
  generateServingCert,
  silentLogger,
} from "@tskube/generic-apiserver";
import { type KvDriver, createEtcd3Driver } from "@tskube/storage";
import { type EtcdServer, startEtcdServer } from "@tskube/storage/testing";
import { StorageFactory } from "../registry/storage-factory.js";
import { createKubeAPIServer } from "./kube-apiserver.js";

interface Response {
  status: number;
  body: Record<string, unknown>;
}

function call(port: number, ca: string, method: string, path: string, body?: unknown): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, ca, headers: { "content-type": "application/json" }, timeout: 20_000 }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => {
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          parsed = { text };
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function waitReady(port: number, ca: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await call(port, ca, "GET", "/readyz").catch(() => ({ status: 0, body: {} }));
    if (res.status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server on port ${port} was not ready in time`);
}

describe("two kube-apiservers sharing one etcd", () => {
  let etcd: EtcdServer;
  let ca: string;
  const running: { server: GenericAPIServer; storage: StorageFactory; kv: KvDriver }[] = [];

  before(async () => {
    etcd = await startEtcdServer();
    const authority = await generateCA({ commonName: "shared-etcd-test" });
    const serving = await generateServingCert(authority);
    ca = authority.cert;
    for (let i = 0; i < 2; i++) {
      const kv = createEtcd3Driver({ endpoints: etcd.endpoints });
      const storage = new StorageFactory({ kv });
      const server = createKubeAPIServer({
        storage,
        generic: {
          serving: { cert: serving.cert, key: serving.key, port: 0 },
          authentication: { authenticators: [], anonymous: true },
          authorization: { authorizer: new AlwaysAllowAuthorizer() },
          logger: silentLogger,
        },
        // A small range, so that every address of it is handed out.
        services: { clusterIPRanges: ["10.0.0.0/27"], nodePortRange: { base: 30000, size: 40 } },
      });
      running.push({ server, storage, kv });
      await server.listen();
    }
    await Promise.all(running.map(({ server }) => waitReady(server.port, ca)));
  });

  after(async () => {
    for (const { server, storage, kv } of running) {
      await server.shutdown();
      storage.destroy();
      await kv.close();
    }
    await etcd?.destroy();
  });

  it("hands out each cluster IP and node port once, to Services created on both servers at once", async () => {
    const ports = running.map(({ server }) => server.port);
    // The range has 30 usable addresses; the first is the kubernetes Service's: 29 are left.
    const results = await Promise.all(
      Array.from({ length: 29 }, (_, i) =>
        call(ports[i % 2] ?? 0, ca, "POST", "/api/v1/namespaces/default/services", {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: `svc-${i}` },
          spec: { type: "NodePort", selector: { app: `a${i}` }, ports: [{ port: 80 }] },
        }),
      ),
    );
    for (const r of results) assert.equal(r.status, 201, JSON.stringify(r.body));
    const specs = results.map((r) => r.body["spec"] as { clusterIP: string; ports: { nodePort: number }[] });
    const ips = specs.map((s) => s.clusterIP);
    const nodePorts = specs.map((s) => s.ports[0]?.nodePort);
    assert.equal(new Set(ips).size, 29, `duplicate cluster IPs: ${ips.join(" ")}`);
    assert.equal(new Set(nodePorts).size, 29, `duplicate node ports: ${nodePorts.join(" ")}`);
    assert.ok(!ips.includes("10.0.0.1"));
    for (const port of nodePorts) assert.ok(port !== undefined && port >= 30000 && port < 30040, String(port));

    const full = await call(ports[1] ?? 0, ca, "POST", "/api/v1/namespaces/default/services", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "one-too-many" },
      spec: { ports: [{ port: 80 }] },
    });
    assert.equal(full.status, 500);
    assert.equal(full.body["message"], "Internal error occurred: failed to allocate a serviceIP: range is full");

    // Deleting on one server frees the address for the other.
    const freed = ips[0] ?? "";
    assert.equal((await call(ports[0] ?? 0, ca, "DELETE", "/api/v1/namespaces/default/services/svc-0")).status, 200);
    const reuse = await call(ports[1] ?? 0, ca, "POST", "/api/v1/namespaces/default/services", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "reuse" },
      spec: { clusterIP: freed, ports: [{ port: 80 }] },
    });
    assert.equal(reuse.status, 201, JSON.stringify(reuse.body));
  });

  it("has one kubernetes Service, with the first IP of the range", async () => {
    for (const { server } of running) {
      const res = await call(server.port, ca, "GET", "/api/v1/namespaces/default/services/kubernetes");
      assert.equal(res.status, 200);
      const spec = res.body["spec"] as { clusterIP: string; ports: { port: number; targetPort: number }[] };
      assert.equal(spec.clusterIP, "10.0.0.1");
      assert.equal(spec.ports[0]?.port, 443);
      assert.ok(running.some((r) => r.server.port === spec.ports[0]?.targetPort), "points at one of the servers");
    }
  });
});
