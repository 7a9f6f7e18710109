// The kube-apiserver accepting kubectl 1.32's captured protobuf bodies over
// HTTPS: every `kubectl create` generator body whose kind the server serves
// is replayed (kinds added later are picked up through discovery) and must
// be created as the same object its JSON would have made; drain's protobuf
// DeleteOptions body deletes. Responses are JSON, as kubectl accepts it.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  AlwaysAllowAuthorizer,
  type GenericAPIServer,
  X509Authenticator,
  generateCA,
  generateClientCert,
  generateServingCert,
  silentLogger,
} from "@tskube/generic-apiserver";
import { type EmbeddedDriver, openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "../registry/storage-factory.js";
import { createKubeAPIServer } from "../server/kube-apiserver.js";
import { type CapturedRequest, KUBECTL_1_32_REQUESTS } from "./fixtures/kubectl-1.32.js";

interface Reply {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

type Obj = { metadata: { name?: string; uid?: string; labels?: Record<string, string> }; [field: string]: unknown };

/**
 * Captured generator commands whose objects upstream's validation refuses
 * as well: a BestEffort quota may cap only pods, and the capture's quota caps
 * cpu and memory too.
 */
const REFUSED_UPSTREAM_TOO: [string, RegExp][] = [["kubectl create quota q1 ", /spec\.scopes: Invalid value: \["BestEffort"\]: unsupported scope applied to resource/]];

describe("kube-apiserver: kubectl's protobuf request bodies", () => {
  let server: GenericAPIServer;
  let kv: EmbeddedDriver;
  let storage: StorageFactory;
  let agent: https.Agent;
  let dataDir: string;

  const request = (method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = https.request({ host: "127.0.0.1", port: server.port, method, path, agent, headers: { ...headers, ...(body ? { "Content-Length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"] ?? "", body: JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown> }));
      });
      req.on("error", reject);
      req.end(body);
    });
  const replay = (r: CapturedRequest) => request(r.method, r.path, Buffer.from(r.body, "hex"), { "Content-Type": r.contentType, Accept: r.accept });

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "tskube-protobuf-"));
    kv = openEmbeddedDriver({ dataDir });
    storage = new StorageFactory({ kv, watchCache: { enabled: false } });
    const ca = await generateCA({ commonName: "protobuf-test-ca" });
    const [serving, admin] = await Promise.all([generateServingCert(ca), generateClientCert(ca, { user: "admin", groups: ["system:masters"] })]);
    server = createKubeAPIServer({
      storage,
      generic: {
        serving: { cert: serving.cert, key: serving.key, port: 0 },
        authentication: { authenticators: [new X509Authenticator({ clientCA: ca.cert })] },
        authorization: { authorizer: new AlwaysAllowAuthorizer() },
        logger: silentLogger,
        processMetrics: false,
      },
    });
    await server.listen();
    agent = new https.Agent({ keepAlive: true, ca: ca.cert, cert: admin.cert, key: admin.key });
    const ns = await request("POST", "/api/v1/namespaces", JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } }), { "Content-Type": "application/json" });
    assert.equal(ns.status, 201);
  });
  after(async () => {
    await server.shutdown();
    agent.destroy();
    storage.destroy();
    await kv.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Whether discovery lists the collection a captured POST goes to. */
  async function served(path: string): Promise<boolean> {
    const m = /^\/(api\/v1|apis\/[^/]+\/[^/]+)\/(?:namespaces\/[^/]+\/)?([a-z]+)\?/.exec(path);
    if (!m) return false;
    const list = await request("GET", `/${m[1]}`);
    const resources = (list.body["resources"] ?? []) as { name: string; verbs: string[] }[];
    return list.status === 200 && resources.some((r) => r.name === m[2] && r.verbs.includes("create"));
  }

  it("replays every create generator the server serves: 201, JSON back, the object as its JSON would make it", async () => {
    const replayed: string[] = [];
    for (const r of KUBECTL_1_32_REQUESTS) {
      if (r.json === undefined || !(await served(r.path))) continue;
      const expected = r.json as Obj;
      const res = await replay(r);
      const refusal = REFUSED_UPSTREAM_TOO.find(([prefix]) => r.command.startsWith(prefix));
      if (refusal !== undefined) {
        // Decoded, then refused by validation as upstream refuses it: the decoding is what is tested here.
        assert.equal(res.status, 422, `${r.command}: ${JSON.stringify(res.body)}`);
        assert.match(String(res.body["message"]), refusal[1]);
        replayed.push(r.command);
        continue;
      }
      assert.equal(res.status, 201, `${r.command}: ${JSON.stringify(res.body)}`);
      assert.equal(res.contentType, "application/json");
      const created = res.body as Obj;
      assert.equal(created["kind"], (expected as Record<string, unknown>)["kind"]);
      assert.equal(created.metadata.name, expected.metadata.name);
      for (const field of ["data", "binaryData", "type", "rules", "roleRef", "subjects"]) {
        if (expected[field] !== undefined) assert.deepEqual(created[field], expected[field], `${r.command}: ${field}`);
      }
      replayed.push(r.command);
    }
    // What main serves today; more as kinds land.
    for (const kind of ["configmap", "secret generic", "secret tls", "secret docker-registry", "namespace", "serviceaccount", "service clusterip", "service nodeport", "service externalname"]) {
      assert.ok(replayed.some((c) => c.startsWith(`kubectl create ${kind} `)), `${kind} replayed (${replayed.join("; ")})`);
    }
  });

  it("the decoded bodies got the kinds' defaults and validation", async () => {
    const svc = (await request("GET", "/api/v1/namespaces/default/services/svc1")).body as Obj & { spec: { ports: Record<string, unknown>[]; sessionAffinity?: string } };
    assert.deepEqual(
      svc.spec.ports.map((p) => [p["name"], p["protocol"], p["port"], p["targetPort"]]),
      [["80-8080", "TCP", 80, 8080], ["443-https", "TCP", 443, "https"]],
    );
    assert.equal(svc.spec.sessionAffinity, "None");
    const ns = (await request("GET", "/api/v1/namespaces/ns1")).body as Obj & { spec: unknown; status: unknown };
    assert.deepEqual(ns.spec, { finalizers: ["kubernetes"] });
    assert.deepEqual(ns.status, { phase: "Active" });
    assert.deepEqual(ns.metadata.labels, { "kubernetes.io/metadata.name": "ns1" });
  });

  it("a second create of the same body is 409 AlreadyExists, as for JSON", async () => {
    const cm = KUBECTL_1_32_REQUESTS.find((r) => r.command.startsWith("kubectl create configmap cm1"));
    assert.ok(cm);
    const again = await replay(cm);
    assert.equal(again.status, 409);
    assert.equal(again.body["reason"], "AlreadyExists");
  });

  it("drain's DELETE with a protobuf DeleteOptions body deletes", async () => {
    const del = KUBECTL_1_32_REQUESTS.find((r) => r.method === "DELETE");
    assert.ok(del);
    const res = await request("DELETE", "/api/v1/namespaces/default/configmaps/cm2", Buffer.from(del.body, "hex"), { "Content-Type": del.contentType, Accept: del.accept });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((await request("GET", "/api/v1/namespaces/default/configmaps/cm2")).status, 404);
  });
});
