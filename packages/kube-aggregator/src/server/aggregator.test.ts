// The aggregator in front of a delegate, proxying to a real aggregated
// server over HTTPS on 127.0.0.1: autoregistration, availability,
// the proxy (headers, certificates, streams, upgrades, errors), and merged
// discovery and OpenAPI.

import assert from "node:assert/strict";
import https from "node:https";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { after, before, describe, it } from "node:test";
import { ObjectMetaSchema, TypeMetaSchema, type KubeObject } from "@tskube/apimachinery";
import {
  ALL_VERBS,
  AlwaysAllowAuthorizer,
  type APIGroupDiscoveryList,
  type APIGroupList,
  type CertificateAndKey,
  GenericAPIServer,
  type ResourceDefinition,
  ServiceResolver,
  StorageFactory,
  X509Authenticator,
  createRegistryStore,
  generateCA,
  generateClientCert,
  generateServingCert,
  serviceInformers,
  silentLogger,
} from "@tskube/generic-apiserver";
import { type EmbeddedDriver, openEmbeddedDriver } from "@tskube/storage";
import type { APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import { AUTOMANAGED_LABEL } from "../controllers/autoregister/autoregister.js";
import { type Backend, WARDLE_GROUP, WARDLE_VERSION, startBackend } from "../testing/backend.js";
import { type Aggregator, createAggregatorServer } from "./aggregator.js";

const ConfigMapSchema = TypeMetaSchema.extend({ metadata: ObjectMetaSchema.default({}) });
const configMaps: ResourceDefinition<KubeObject> = {
  group: "",
  version: "v1",
  kind: "ConfigMap",
  resource: "configmaps",
  singular: "configmap",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ConfigMapSchema,
  strategy: {},
};

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("kube-aggregator", { timeout: 120_000 }, () => {
  let dataDir: string;
  let kv: EmbeddedDriver;
  let storage: StorageFactory;
  let aggregator: Aggregator;
  let delegate: GenericAPIServer;
  let backend: Backend;
  let backendServing: CertificateAndKey;
  let frontProxyCA: CertificateAndKey;
  let clusterCA: CertificateAndKey;
  let admin: CertificateAndKey;
  let backendCA: CertificateAndKey;
  let agent: https.Agent;
  /** Given to the aggregator, as the binary's chain gives one to all its servers. */
  let serviceResolver: ServiceResolver;

  function request(path: string, opts: { method?: string; body?: unknown; headers?: Record<string, string>; anonymous?: boolean } = {}): Promise<Response> {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
    if (payload !== undefined) headers["Content-Type"] = "application/json";
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: "127.0.0.1",
          port: aggregator.server.port,
          path,
          method: opts.method ?? "GET",
          headers,
          ...(opts.anonymous ? { ca: clusterCA.cert, agent: false } : { agent }),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  const apiService = async (name: string): Promise<APIService | undefined> => {
    const res = await request(`/apis/apiregistration.k8s.io/v1/apiservices/${name}`);
    return res.status === 200 ? res.json<APIService>() : undefined;
  };
  const available = (a: APIService | undefined) => a?.status?.conditions?.find((c) => c.type === "Available");
  const waitForAvailable = (name: string, status: string, reason?: string) =>
    eventually(`${name} Available=${status}${reason ? ` (${reason})` : ""}`, async () => {
      const condition = available(await apiService(name));
      return condition?.status === status && (reason === undefined || condition.reason === reason) ? condition : undefined;
    });

  const wardleAPIService = {
    apiVersion: "apiregistration.k8s.io/v1",
    kind: "APIService",
    metadata: { name: `${WARDLE_VERSION}.${WARDLE_GROUP}` },
    spec: {
      group: WARDLE_GROUP,
      version: WARDLE_VERSION,
      service: { namespace: "wardle", name: "api", port: 443 },
      groupPriorityMinimum: 1000,
      versionPriority: 15,
      caBundle: "",
    },
  };

  async function putEndpointSlice(port: number): Promise<void> {
    const slices = storage.storageFor<KubeObject>("/endpointslices");
    await slices.delete("/endpointslices/wardle/api-1").catch(() => undefined);
    await slices.create("/endpointslices/wardle/api-1", {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "api-1", namespace: "wardle", labels: { "kubernetes.io/service-name": "api" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["127.0.0.1"], conditions: { ready: true } }],
      ports: [{ name: "https", port, protocol: "TCP" }],
    } as KubeObject);
  }

  before(async () => {
    [clusterCA, frontProxyCA, backendCA] = await Promise.all([
      generateCA({ commonName: "cluster-ca" }),
      generateCA({ commonName: "front-proxy-ca" }),
      generateCA({ commonName: "wardle-ca" }),
    ]);
    const [serving, adminCert, proxyClient, backendCert] = await Promise.all([
      generateServingCert(clusterCA),
      generateClientCert(clusterCA, { user: "admin", groups: ["system:masters"] }),
      generateClientCert(frontProxyCA, { user: "front-proxy-client" }),
      generateServingCert(backendCA, { hosts: ["api.wardle.svc", "localhost", "127.0.0.1"] }),
    ]);
    admin = adminCert;
    backendServing = backendCert;
    agent = new https.Agent({ keepAlive: true, ca: clusterCA.cert, cert: admin.cert, key: admin.key });

    dataDir = mkdtempSync(join(tmpdir(), "tskube-aggregator-"));
    kv = openEmbeddedDriver({ dataDir });
    storage = new StorageFactory({ kv });
    serviceResolver = new ServiceResolver(serviceInformers(storage, silentLogger));
    delegate = new GenericAPIServer({ name: "delegate", logger: silentLogger, processMetrics: false });
    delegate.installAPIGroup({ name: "", versions: [{ version: "v1", resources: [createRegistryStore(configMaps, { storage: storage.storageFor("/configmaps") })] }] });
    aggregator = createAggregatorServer({
      generic: {
        serving: { cert: serving.cert, key: serving.key },
        authentication: { authenticators: [new X509Authenticator({ clientCA: clusterCA.cert })] },
        authorization: { authorizer: new AlwaysAllowAuthorizer() },
        shutdown: { timeoutMs: 1_000 },
        logger: silentLogger,
        processMetrics: false,
      },
      delegate,
      storage,
      serviceResolver,
      proxyClientCert: proxyClient,
      availability: { resyncMs: 200, discoveryTimeoutMs: 1_000 },
      documentsRefreshMs: 500,
    });
    await aggregator.server.listen();
    backend = await startBackend({ serving: backendServing, requestHeader: { clientCA: frontProxyCA.cert, allowedNames: ["front-proxy-client"] } });
    await eventually("the aggregator to be ready", async () => ((await request("/readyz")).status === 200 ? true : undefined));
  });

  after(async () => {
    agent.destroy();
    await backend?.stop();
    await aggregator?.server.shutdown();
    storage?.destroy();
    await kv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("uses the ServiceResolver it is given, and starts it", () => {
    assert.equal(aggregator.resolver, serviceResolver);
    assert.equal(serviceResolver.hasSynced, true);
  });

  describe("autoregistration", () => {
    it("registers a local APIService for every group/version of the chain, Available True (Local)", async () => {
      const core = await apiService("v1.");
      assert.deepEqual(core?.spec, { version: "v1", groupPriorityMinimum: 18000, versionPriority: 1 });
      assert.equal(core?.metadata.labels?.[AUTOMANAGED_LABEL], "onstart");
      assert.deepEqual(available(core), {
        type: "Available",
        status: "True",
        reason: "Local",
        message: "Local APIServices are always available",
        lastTransitionTime: available(core)?.lastTransitionTime,
      });
      const own = await apiService("v1.apiregistration.k8s.io");
      assert.equal(available(own)?.reason, "Local");
      const table = await request("/apis/apiregistration.k8s.io/v1/apiservices", { headers: { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" } });
      const rows = table.json<{ rows: { cells: unknown[] }[] }>().rows.map((r) => r.cells.slice(0, 3));
      assert.deepEqual(rows[0], ["v1.", "Local", "True"]);
    });

    it("follows group/versions that come and go (custom resources: 1000/100, removed when no longer served)", async () => {
      const crdGroup = { name: "stable.example.com", versions: [{ version: "v1", resources: [createRegistryStore({ ...configMaps, group: "stable.example.com", kind: "CronTab", resource: "crontabs", singular: "crontab" }, { storage: storage.storageFor("/stable.example.com/crontabs") })] }] };
      delegate.discovery.addGroup(crdGroup);
      const created = await eventually("v1.stable.example.com", () => apiService("v1.stable.example.com"));
      assert.equal(created.metadata.labels?.[AUTOMANAGED_LABEL], "true");
      assert.equal(created.spec?.groupPriorityMinimum, 1000);
      assert.equal(created.spec?.versionPriority, 100);
      await waitForAvailable("v1.stable.example.com", "True", "Local");
      delegate.discovery.removeGroup("stable.example.com");
      await eventually("v1.stable.example.com to be deleted", async () => ((await apiService("v1.stable.example.com")) === undefined ? true : undefined));
    });
  });

  describe("a service-backed APIService", () => {
    before(async () => {
      const services = storage.storageFor<KubeObject>("/services");
      await services.create("/services/wardle/api", {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "api", namespace: "wardle" },
        spec: { type: "ClusterIP", ports: [{ name: "https", port: 443, targetPort: 8443 }] },
      } as KubeObject);
      await putEndpointSlice(backend.port);
      const created = await request("/apis/apiregistration.k8s.io/v1/apiservices", {
        method: "POST",
        body: { ...wardleAPIService, spec: { ...wardleAPIService.spec, caBundle: Buffer.from(backendCA.cert).toString("base64") } },
      });
      assert.equal(created.status, 201, created.text);
    });

    it("turns Available (Passed) once the server answers discovery", async () => {
      const condition = await waitForAvailable(`${WARDLE_VERSION}.${WARDLE_GROUP}`, "True", "Passed");
      assert.equal(condition.message, "all checks passed");
    });

    it("proxies as the authenticated user, over the front-proxy certificate; the client's own X-Remote-* and Authorization are dropped", async () => {
      const res = await request(`/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/echoes`, {
        headers: { "X-Remote-User": "mallory", "X-Remote-Group": "system:masters", "X-Remote-Extra-Scopes": "all" },
      });
      assert.equal(res.status, 200, res.text);
      const seen = res.json<{ user: { name: string; groups: string[]; extra?: unknown }; headers: Record<string, string>; peerCN?: string }>();
      assert.equal(seen.user.name, "admin");
      assert.deepEqual(seen.user.groups, ["system:masters", "system:authenticated"]);
      assert.equal(seen.user.extra, undefined, "the client's X-Remote-Extra-Scopes was dropped");
      assert.equal(seen.headers.authorization, undefined);
      assert.equal(seen.headers.host, `127.0.0.1:${backend.port}`);

      // Impersonation is applied by the aggregator; the backend sees the impersonated user and no Impersonate-* header.
      const impersonated = await request(`/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/echoes`, {
        headers: { "Impersonate-User": "bob", "Impersonate-Group": "dev", "Impersonate-Extra-Scopes": "read" },
      });
      const bob = impersonated.json<{ user: { name: string; groups: string[]; extra?: Record<string, string[]> }; headers: Record<string, string> }>();
      assert.equal(bob.user.name, "bob");
      assert.deepEqual(bob.user.groups, ["dev", "system:authenticated"]);
      assert.deepEqual(bob.user.extra, { scopes: ["read"] });
      assert.equal(Object.keys(bob.headers).filter((h) => h.startsWith("impersonate-")).length, 0);
    });

    it("serves the aggregated server's resources through the aggregator, and streams its watches", async () => {
      const path = `/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/flunders`;
      const events: string[] = [];
      const watch = https.get({ host: "127.0.0.1", port: aggregator.server.port, path: `${path}?watch=true`, agent });
      const gotEvent = new Promise<void>((resolve) =>
        watch.on("response", (res) => {
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            events.push(chunk);
            if (events.join("").includes('"ADDED"')) resolve();
          });
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const created = await request(path, { method: "POST", body: { apiVersion: `${WARDLE_GROUP}/${WARDLE_VERSION}`, kind: "Flunder", metadata: { name: "f1" } } });
      assert.equal(created.status, 201, created.text);
      await gotEvent;
      watch.destroy();
      assert.match(events.join(""), /"type":"ADDED".*"name":"f1"/);
      const got = await request(`${path}/f1`);
      assert.equal(got.json<KubeObject>().metadata.name, "f1");
    });

    it("passes upgraded connections through, after authenticating them", async () => {
      const upgrade = (withCert: boolean, protocol = "tskube-echo") =>
        new Promise<string>((resolve, reject) => {
          const socket = tls.connect({
            host: "127.0.0.1",
            port: aggregator.server.port,
            ca: clusterCA.cert,
            servername: "localhost",
            ...(withCert ? { cert: admin.cert, key: admin.key } : {}),
          });
          let received = "";
          socket.setEncoding("utf8");
          socket.on("secureConnect", () =>
            socket.write(
              `GET /apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/echoes/e1/exec HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: ${protocol}\r\n\r\nping`,
            ),
          );
          socket.on("data", (chunk: string) => {
            received += chunk;
            if (received.includes("ping")) socket.destroy();
          });
          socket.on("close", () => resolve(received));
          socket.on("error", reject);
        });
      const answer = await upgrade(true);
      assert.match(answer, /^HTTP\/1\.1 101 Switching Protocols/);
      assert.match(answer, /user=admin;ping/);
      assert.match(await upgrade(false), /^HTTP\/1\.1 401 Unauthorized/);
      // WebSocket (kubectl exec's first choice) as well as SPDY-like protocols.
      assert.match(await upgrade(true, "websocket"), /user=admin;ping/);
    });

    it("lists the aggregated group in /apis and in aggregated discovery, ordered by priority", async () => {
      const v2 = await eventually("wardle in aggregated discovery", async () => {
        const res = await request("/apis", { headers: { Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" } });
        const list = res.json<APIGroupDiscoveryList>();
        const wardle = list.items.find((g) => g.metadata.name === WARDLE_GROUP);
        return wardle?.versions[0]?.freshness === "Current" && wardle.versions[0].resources.length > 0 ? list : undefined;
      });
      assert.equal(v2.items[0]?.metadata.name, "apiregistration.k8s.io");
      const wardle = v2.items.find((g) => g.metadata.name === WARDLE_GROUP)!;
      assert.deepEqual(wardle.versions[0]!.resources.map((r) => r.resource), ["flunders"]);
      const legacy = (await request("/apis")).json<APIGroupList>();
      assert.ok(legacy.groups.some((g) => g.name === WARDLE_GROUP));
      const group = await request(`/apis/${WARDLE_GROUP}`);
      assert.equal(group.json<{ preferredVersion: { groupVersion: string } }>().preferredVersion.groupVersion, `${WARDLE_GROUP}/${WARDLE_VERSION}`);
    });

    it("includes the aggregated server's OpenAPI v2 and v3 documents", async () => {
      const index = await eventually("the v3 index", async () => {
        const res = (await request("/openapi/v3")).json<{ paths: Record<string, { serverRelativeURL: string }> }>();
        return res.paths[`apis/${WARDLE_GROUP}/${WARDLE_VERSION}`] ? res : undefined;
      });
      const doc = await request(index.paths[`apis/${WARDLE_GROUP}/${WARDLE_VERSION}`]!.serverRelativeURL);
      assert.ok(doc.json<{ components: { schemas: Record<string, unknown> } }>().components.schemas["com.example.wardle.v1alpha1.Flunder"]);
      const v2 = (await request("/openapi/v2")).json<{ definitions: Record<string, unknown>; paths: Record<string, unknown> }>();
      assert.ok(v2.definitions["com.example.wardle.v1alpha1.Flunder"]);
      assert.ok(v2.paths[`/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/{namespace}/flunders`]);
    });

    it("answers 504 when the server does not answer in time", async () => {
      const res = await request(`/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/hangs?timeout=1s`);
      assert.equal(res.status, 504);
      assert.equal(res.json<{ reason: string }>().reason, "Timeout");
    });

    it("answers 503 quickly when the server is gone, turns unavailable, and recovers when it is back", async () => {
      const port = backend.port;
      await backend.stop();
      const started = Date.now();
      const res = await request(`/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/flunders`);
      assert.equal(res.status, 503, res.text);
      assert.equal(res.json<{ reason: string }>().reason, "ServiceUnavailable");
      assert.ok(Date.now() - started < 2_000, "the 503 came quickly");
      const condition = await waitForAvailable(`${WARDLE_VERSION}.${WARDLE_GROUP}`, "False", "FailedDiscoveryCheck");
      assert.match(condition.message ?? "", new RegExp(`^failing or missing response from https://127\\.0\\.0\\.1:${port}/apis/${WARDLE_GROUP}/${WARDLE_VERSION}: .*connection refused`));
      const unavailable = await request(`/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/flunders`);
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.json<{ message: string }>().message, "service unavailable");
      const stale = (await request("/apis", { headers: { Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" } })).json<APIGroupDiscoveryList>();
      assert.equal(stale.items.find((g) => g.metadata.name === WARDLE_GROUP)?.versions[0]?.freshness, "Stale");

      backend = await startBackend({ serving: backendServing, requestHeader: { clientCA: frontProxyCA.cert, allowedNames: ["front-proxy-client"] }, port });
      await waitForAvailable(`${WARDLE_VERSION}.${WARDLE_GROUP}`, "True", "Passed");
      const back = await request(`/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/flunders`);
      assert.equal(back.status, 200, back.text);
    });

    it("reports missing endpoints and a missing Service with upstream's reasons", async () => {
      await storage.storageFor<KubeObject>("/endpointslices").delete("/endpointslices/wardle/api-1");
      const noEndpoints = await waitForAvailable(`${WARDLE_VERSION}.${WARDLE_GROUP}`, "False", "EndpointsNotFound");
      assert.equal(noEndpoints.message, 'cannot find endpoints for service/api in "wardle"');
      assert.equal((await request(`/apis/${WARDLE_GROUP}/${WARDLE_VERSION}/namespaces/default/flunders`)).status, 503);

      const slices = storage.storageFor<KubeObject>("/endpointslices");
      await slices.create("/endpointslices/wardle/api-1", {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: { name: "api-1", namespace: "wardle", labels: { "kubernetes.io/service-name": "api" } },
        addressType: "IPv4",
        endpoints: [{ addresses: ["127.0.0.1"], conditions: { ready: false } }],
        ports: [{ name: "https", port: backend.port, protocol: "TCP" }],
      } as KubeObject);
      const notReady = await waitForAvailable(`${WARDLE_VERSION}.${WARDLE_GROUP}`, "False", "MissingEndpoints");
      assert.equal(notReady.message, 'endpointslices for service/api in "wardle" have no addresses with port name "https"');

      await storage.storageFor<KubeObject>("/services").delete("/services/wardle/api");
      const noService = await waitForAvailable(`${WARDLE_VERSION}.${WARDLE_GROUP}`, "False", "ServiceNotFound");
      assert.equal(noService.message, 'service/api in "wardle" is not present');
    });
  });
});
