// API aggregation end to end: the built kube-apiserver binary (whose
// outermost server is the aggregator) and the built sample-apiserver, both on
// loopback, driven with kubectl. The Service, EndpointSlice and APIService
// are made with kubectl as a user would; the APIService turns Available;
// flunders are created, read, listed, watched and deleted through the main
// server; the sample server saw the user and the proxy's certificate; and
// stopping and restarting the sample server turns the APIService unavailable
// (requests get 503) and back.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type RunningAPIServer, freePort, hasKubectl, startAPIServer } from "./support/apiserver.js";
import { type Kubectl, kubectlFor, mustSucceed, startKubectl } from "./support/kubectl.js";
import { type RunningSampleServer, startSampleServer } from "./support/sample-apiserver.js";

const APISERVICE = "v1alpha1.wardle.example.com";

const manifests = (port: number, caBundle: string) => [
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "wardle" } },
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "api", namespace: "wardle" },
    spec: { ports: [{ name: "https", port: 443, targetPort: port }] },
  },
  // Endpoint IPs may not be loopback addresses (upstream's validation), so the
  // endpoint is named: an FQDN slice with a name under .localhost, which the
  // aggregator dials on the loopback address (RFC 6761).
  {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: "api-1", namespace: "wardle", labels: { "kubernetes.io/service-name": "api" } },
    addressType: "FQDN",
    endpoints: [{ addresses: ["api.wardle.localhost"], conditions: { ready: true } }],
    ports: [{ name: "https", port, protocol: "TCP" }],
  },
  {
    apiVersion: "apiregistration.k8s.io/v1",
    kind: "APIService",
    metadata: { name: APISERVICE },
    spec: {
      group: "wardle.example.com",
      version: "v1alpha1",
      service: { namespace: "wardle", name: "api", port: 443 },
      caBundle: Buffer.from(caBundle).toString("base64"),
      groupPriorityMinimum: 1000,
      versionPriority: 15,
    },
  },
];

/** `kubectl wait` for a condition of the APIService, in rounds of 20 s (each kubectl run is limited to 30 s). */
async function waitForAPIService(kubectl: Kubectl, condition: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await kubectl(["wait", `--for=condition=${condition}`, `apiservice/${APISERVICE}`, "--timeout=20s"]);
    if (result.code === 0) return;
    if (Date.now() > deadline) throw new Error(`apiservice/${APISERVICE} not ${condition}: ${result.stderr}`);
  }
}

/** A GET over HTTPS with `headers` and, if given, a client certificate (file names in the `pki` directory). */
function httpsGet(opts: {
  port: number;
  path: string;
  ca: string;
  headers: Record<string, string>;
  clientCert?: { pki: string; cert: string; key: string };
}): Promise<{ status: number; body: string }> {
  const { clientCert } = opts;
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        port: opts.port,
        path: opts.path,
        ca: opts.ca,
        ...(clientCert ? { cert: readFileSync(join(clientCert.pki, clientCert.cert)), key: readFileSync(join(clientCert.pki, clientCert.key)) } : {}),
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const flunder = (name: string) =>
  JSON.stringify({ apiVersion: "wardle.example.com/v1alpha1", kind: "Flunder", metadata: { name }, spec: { reference: "other" } });

describe("API aggregation with the sample-apiserver", { skip: !hasKubectl() && "kubectl not found", timeout: 240_000 }, () => {
  let server: RunningAPIServer;
  let sample: RunningSampleServer;
  let sampleDir: string;
  let samplePort: number;
  let kubectl: Kubectl;
  let ok: (args: string[], opts?: { input?: string }) => Promise<string>;

  before(async () => {
    // AlwaysDeny: the admin (system:masters) may still do everything, and a refusal names who asked.
    server = await startAPIServer({ readyTimeoutMs: 30_000, args: ["--authorization-mode=AlwaysDeny"] });
    kubectl = kubectlFor(server.kubeconfig);
    ok = mustSucceed(kubectl);
    sampleDir = mkdtempSync(join(tmpdir(), "tskube-e2e-sample-"));
    samplePort = await freePort();
    sample = await startSampleServer({ dir: sampleDir, port: samplePort, kubeconfig: server.kubeconfig });
  });
  after(async () => {
    await sample?.stop();
    await server?.cleanup();
    if (sampleDir) rmSync(sampleDir, { recursive: true, force: true });
  });

  it("registers the sample server with kubectl; the APIService turns Available", async () => {
    // One YAML stream of JSON documents.
    const input = manifests(samplePort, sample.caBundle()).map((m) => `---\n${JSON.stringify(m)}\n`).join("");
    const created = await ok(["create", "-f", "-"], { input });
    assert.match(created, /apiservice\.apiregistration\.k8s\.io\/v1alpha1\.wardle\.example\.com created/);
    await waitForAPIService(kubectl, "Available", 60_000);
    const row = await ok(["get", "apiservice", APISERVICE, "--no-headers"]);
    assert.match(row, /^v1alpha1\.wardle\.example\.com\s+wardle\/api\s+True\s+/);
    const local = await ok(["get", "apiservice", "v1.apps", "--no-headers"]);
    assert.match(local, /^v1\.apps\s+Local\s+True\s+/);
  });

  it("kubectl api-resources lists flunders and fischers; kubectl explain reads the sample's OpenAPI", async () => {
    const resources = await ok(["api-resources", "--api-group=wardle.example.com"]);
    assert.match(resources, /^flunders\s+wardle\.example\.com\/v1alpha1\s+true\s+Flunder$/m);
    assert.match(resources, /^fischers\s+wardle\.example\.com\/v1alpha1\s+false\s+Fischer$/m);
    const explain = await ok(["explain", "flunders.spec"]);
    assert.match(explain, /GROUP:\s+wardle\.example\.com/);
    assert.match(explain, /referenceType/);
  });

  it("creates, gets, lists, watches and deletes flunders through the main server", async () => {
    assert.match(await ok(["create", "-n", "wardle", "-f", "-"], { input: flunder("f1") }), /flunder\.wardle\.example\.com\/f1 created/);
    const got = JSON.parse(await ok(["get", "flunder", "f1", "-n", "wardle", "-o", "json"])) as { spec: { referenceType: string } };
    assert.equal(got.spec.referenceType, "Flunder", "defaulted by the sample server");

    const watch = startKubectl(server.kubeconfig, ["get", "flunders", "-n", "wardle", "-w", "--output-watch-events"]);
    try {
      await watch.waitFor((out) => /ADDED\s+f1/.test(out));
      await ok(["create", "-n", "wardle", "-f", "-"], { input: flunder("f2") });
      await watch.waitFor((out) => /ADDED\s+f2/.test(out));
      assert.match(await ok(["delete", "flunder", "f1", "-n", "wardle"]), /flunder\.wardle\.example\.com "f1" deleted/);
      await watch.waitFor((out) => /DELETED\s+f1/.test(out));
    } finally {
      await watch.stop();
    }
    const names = await ok(["get", "flunders", "-n", "wardle", "-o", "name"]);
    assert.equal(names.trim(), "flunder.wardle.example.com/f2");
    const invalid = await kubectl(["create", "-n", "wardle", "-f", "-"], {
      input: JSON.stringify({ apiVersion: "wardle.example.com/v1alpha1", kind: "Flunder", metadata: { name: "bad" }, spec: { referenceType: "Other" } }),
    });
    assert.notEqual(invalid.code, 0);
    assert.match(invalid.stderr, /spec\.referenceType: Invalid value: "Other": must be Flunder or Fischer/);
  });

  it("the sample server saw the user in X-Remote-User, vouched for by the aggregator's front-proxy certificate", () => {
    assert.match(
      sample.output(),
      /POST \/apis\/wardle\.example\.com\/v1alpha1\/namespaces\/wardle\/flunders[^\n]*: user "admin" groups \[system:masters system:authenticated\] via front proxy "front-proxy-client"/,
    );
  });

  it("the main server believes X-Remote-* over the generated front-proxy certificate, and only over it", async () => {
    const pki = join(server.dataDir, "pki");
    const ask = (cert: string, key: string) =>
      httpsGet({
        port: server.port,
        path: "/api/v1/namespaces",
        ca: readFileSync(join(pki, "ca.crt"), "utf8"),
        clientCert: { pki, cert, key },
        headers: { "X-Remote-User": "alice", "X-Remote-Group": "dev" },
      });
    const proxied = await ask("front-proxy-client.crt", "front-proxy-client.key");
    assert.equal(proxied.status, 403, proxied.body);
    assert.match((JSON.parse(proxied.body) as { message: string }).message, /User "alice" cannot list resource "namespaces"/);
    // The admin's certificate is a client certificate, not a front proxy's: the headers are ignored.
    const admin = await ask("admin.crt", "admin.key");
    assert.equal(admin.status, 200, admin.body);
    const cm = JSON.parse(await ok(["get", "configmap", "-n", "kube-system", "extension-apiserver-authentication", "-o", "json"])) as { data: Record<string, string> };
    assert.equal(cm.data["requestheader-client-ca-file"], readFileSync(join(pki, "front-proxy-ca.crt"), "utf8"));
    assert.equal(cm.data["requestheader-allowed-names"], '["front-proxy-client"]');
    assert.equal(cm.data["requestheader-username-headers"], '["X-Remote-User"]');
  });

  it("the sample server asks the main server with a SubjectAccessReview whether a user may do what it asks", async () => {
    // Straight to the sample, as the aggregator would come: the front-proxy certificate and X-Remote-* headers.
    const asUser = (user: string, group: string) =>
      httpsGet({
        port: samplePort,
        path: "/apis/wardle.example.com/v1alpha1/namespaces/wardle/flunders",
        ca: sample.caBundle(),
        clientCert: { pki: join(server.dataDir, "pki"), cert: "front-proxy-client.crt", key: "front-proxy-client.key" },
        headers: { "X-Remote-User": user, "X-Remote-Group": group },
      });
    // The main server runs AlwaysDeny: its review says no, and the sample's 403 gives the main server's reason.
    const alice = await asUser("alice", "dev");
    assert.equal(alice.status, 403, alice.body);
    assert.equal(
      (JSON.parse(alice.body) as { message: string }).message,
      'flunders.wardle.example.com is forbidden: User "alice" cannot list resource "flunders" in API group "wardle.example.com" in the namespace "wardle": Everything is forbidden.',
    );
    // system:masters is allowed by the sample itself, without a review.
    const admin = await asUser("admin", "system:masters");
    assert.equal(admin.status, 200, admin.body);
  });

  it("the sample server checks bearer tokens with a TokenReview to the main server", async () => {
    const token = (await ok(["create", "token", "default", "-n", "default"])).trim();
    const withToken = (bearer: string) =>
      httpsGet({ port: samplePort, path: "/apis/wardle.example.com/v1alpha1/namespaces/wardle/flunders", ca: sample.caBundle(), headers: { Authorization: `Bearer ${bearer}` } });
    // The token's user, as the main server's TokenReview says; then its SubjectAccessReview (AlwaysDeny) refuses.
    const known = await withToken(token);
    assert.equal(known.status, 403, known.body);
    assert.match((JSON.parse(known.body) as { message: string }).message, /User "system:serviceaccount:default:default" cannot list resource "flunders"/);
    // A token the main server does not know: 401.
    const unknown = await withToken(`${token.slice(0, -4)}AAAA`);
    assert.equal(unknown.status, 401, unknown.body);
  });

  it("stopping the sample server makes requests 503 and the APIService unavailable; restarting brings both back", async () => {
    await sample.stop();
    const started = Date.now();
    const down = await kubectl(["get", "flunders", "-n", "wardle"]);
    assert.notEqual(down.code, 0);
    assert.match(down.stderr, /ServiceUnavailable|service unavailable|connection refused/);
    assert.ok(Date.now() - started < 20_000, "kubectl was answered quickly");
    await waitForAPIService(kubectl, "Available=False", 60_000);
    assert.match(await ok(["get", "apiservice", APISERVICE, "--no-headers"]), /False \(FailedDiscoveryCheck\)/);
    const raw = await kubectl(["get", "--raw", "/apis/wardle.example.com/v1alpha1/namespaces/wardle/flunders"]);
    assert.match(raw.stderr, /ServiceUnavailable|service unavailable/);

    sample = await startSampleServer({ dir: sampleDir, port: samplePort, kubeconfig: server.kubeconfig });
    await waitForAPIService(kubectl, "Available", 90_000);
    assert.equal((await ok(["get", "flunders", "-n", "wardle", "-o", "name"])).trim(), "flunder.wardle.example.com/f2");
  });
});
