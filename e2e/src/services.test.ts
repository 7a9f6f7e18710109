// Services through the real binary and kubectl: the kubernetes Service,
// cluster IPs and node ports from the ranges, a taken IP refused, the
// ranges' flags, and allocations kept across a restart.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse as parseYAML } from "yaml";
import { type RunningAPIServer, hasKubectl, startAPIServer } from "./support/apiserver.js";
import { type Kubectl, kubectlFor, mustSucceed } from "./support/kubectl.js";

interface ServiceObject {
  metadata: { name: string };
  spec: { clusterIP?: string; clusterIPs?: string[]; ports?: { port: number; nodePort?: number; targetPort?: number }[]; healthCheckNodePort?: number };
}

/** Table rows as kubectl prints them, split into columns. */
function rows(stdout: string): string[][] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
}

const service = (name: string, spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const inRange = (ip: string | undefined, prefix: string) => ip !== undefined && ip.startsWith(prefix) && Number(ip.slice(prefix.length)) > 1 && Number(ip.slice(prefix.length)) < 255;

describe("Services with kubectl", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let server: RunningAPIServer;
  let kubectl: Kubectl;
  let ok: (args: string[], opts?: { input?: string }) => Promise<string>;
  const get = async (name: string) => parseYAML(await ok(["get", "service", name, "-o", "yaml"])) as ServiceObject;
  before(async () => {
    server = await startAPIServer();
    kubectl = kubectlFor(server.kubeconfig);
    ok = mustSucceed(kubectl);
  });
  after(() => server?.cleanup());

  it("kubectl get svc kubernetes shows 10.0.0.1 443/TCP; its endpoints are this server", async () => {
    const [header, row] = rows(await ok(["get", "svc", "kubernetes"]));
    assert.deepEqual(header, ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]);
    assert.deepEqual(row?.slice(0, 5), ["kubernetes", "ClusterIP", "10.0.0.1", "<none>", "443/TCP"]);
    const svc = await get("kubernetes");
    assert.deepEqual(svc.spec.ports?.[0], { name: "https", port: 443, protocol: "TCP", targetPort: server.port });
    const endpoints = rows(await ok(["get", "endpoints", "kubernetes"]));
    assert.deepEqual(endpoints[1]?.slice(0, 2), ["kubernetes", `127.0.0.1:${server.port}`]);
  });

  it("kubectl apply -f of a ClusterIP Service gets an IP from the range", async () => {
    await ok(["apply", "-f", "-"], { input: service("web", "  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n") });
    const web = await get("web");
    assert.ok(inRange(web.spec.clusterIP, "10.0.0."), String(web.spec.clusterIP));
    assert.deepEqual(web.spec.clusterIPs, [web.spec.clusterIP]);
    // Applying it again keeps the IP (the manifest has none).
    await ok(["apply", "-f", "-"], { input: service("web", "  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 9090\n") });
    assert.equal((await get("web")).spec.clusterIP, web.spec.clusterIP);
  });

  it("kubectl create -f / apply of a NodePort Service gets node ports from the range", async () => {
    await ok(["create", "-f", "-"], { input: service("np", "  type: NodePort\n  selector:\n    app: np\n  ports:\n  - port: 80\n") });
    const np = await get("np");
    const nodePort = np.spec.ports?.[0]?.nodePort ?? 0;
    assert.ok(nodePort >= 30000 && nodePort <= 32767, String(nodePort));
    const row = rows(await ok(["get", "svc", "np"]))[1];
    assert.equal(row?.[4], `80:${nodePort}/TCP`);

    await ok(["apply", "-f", "-"], {
      input: service("lb", "  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector:\n    app: lb\n  ports:\n  - port: 443\n    nodePort: 30043\n"),
    });
    const lb = await get("lb");
    assert.equal(lb.spec.ports?.[0]?.nodePort, 30043);
    assert.ok((lb.spec.healthCheckNodePort ?? 0) >= 30000);
  });

  it("kubectl expose gets an IP from the range", async () => {
    await ok(["expose", "service", "web", "--name", "web-exposed", "--port", "8081"]);
    const exposed = await get("web-exposed");
    assert.ok(inRange(exposed.spec.clusterIP, "10.0.0."), String(exposed.spec.clusterIP));
    assert.notEqual(exposed.spec.clusterIP, (await get("web")).spec.clusterIP);
  });

  it("refuses an IP or node port that is taken, or outside the range", async () => {
    const taken = (await get("web")).spec.clusterIP ?? "";
    const ip = await kubectl(["create", "-f", "-"], { input: service("copy", `  clusterIP: ${taken}\n  ports:\n  - port: 80\n`) });
    assert.equal(ip.code, 1);
    assert.equal(
      ip.stderr.trim(),
      `The Service "copy" is invalid: spec.clusterIPs: Invalid value: ["${taken}"]: failed to allocate IP ${taken}: provided IP is already allocated`,
    );
    const far = await kubectl(["create", "-f", "-"], { input: service("far", "  clusterIP: 192.0.2.10\n  ports:\n  - port: 80\n") });
    assert.match(far.stderr, /provided IP is not in the valid range. The range of valid IPs is 10\.0\.0\.0\/24/);
    const port = await kubectl(["create", "-f", "-"], { input: service("port", "  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30043\n") });
    assert.equal(port.stderr.trim(), 'The Service "port" is invalid: spec.ports[0].nodePort: Invalid value: 30043: provided port is already allocated');
    // A server-side dry run keeps nothing but reports the conflict too.
    const dry = await kubectl(["create", "--dry-run=server", "-f", "-"], { input: service("copy", `  clusterIP: ${taken}\n  ports:\n  - port: 80\n`) });
    assert.match(dry.stderr, /provided IP is already allocated/);
  });

  it("a deleted Service's IP can be asked for again", async () => {
    const ip = (await get("web-exposed")).spec.clusterIP ?? "";
    await ok(["delete", "service", "web-exposed"]);
    await ok(["create", "-f", "-"], { input: service("web-again", `  clusterIP: ${ip}\n  ports:\n  - port: 80\n`) });
    assert.equal((await get("web-again")).spec.clusterIP, ip);
  });
});

describe("Service ranges from the flags, kept across a restart", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let first: RunningAPIServer | undefined;
  let second: RunningAPIServer | undefined;
  after(async () => {
    await second?.stop();
    await first?.cleanup();
  });

  it("--service-cluster-ip-range and --service-node-port-range are used, and a restart keeps what was allocated", async () => {
    const args = ["--service-cluster-ip-range=10.96.0.0/16", "--service-node-port-range=31000-31099"];
    first = await startAPIServer({ args });
    const before = mustSucceed(kubectlFor(first.kubeconfig));
    assert.doesNotMatch(first.output(), /service-cluster-ip-range|service-node-port-range/, "no not-yet-effective line");
    const kubernetes = parseYAML(await before(["get", "svc", "kubernetes", "-o", "yaml"])) as ServiceObject;
    assert.equal(kubernetes.spec.clusterIP, "10.96.0.1");
    await before(["apply", "-f", "-"], { input: service("kept", "  type: NodePort\n  ports:\n  - port: 80\n") });
    const kept = parseYAML(await before(["get", "svc", "kept", "-o", "yaml"])) as ServiceObject;
    assert.match(kept.spec.clusterIP ?? "", /^10\.96\./);
    const nodePort = kept.spec.ports?.[0]?.nodePort ?? 0;
    assert.ok(nodePort >= 31000 && nodePort <= 31099, String(nodePort));
    assert.equal(await first.stop(), 0);

    second = await startAPIServer({ dataDir: first.dataDir, args });
    const kubectl = kubectlFor(first.kubeconfig);
    const ip = await kubectl(["create", "-f", "-"], { input: service("copy", `  clusterIP: ${kept.spec.clusterIP}\n  ports:\n  - port: 80\n`) });
    assert.match(ip.stderr, /provided IP is already allocated/);
    const port = await kubectl(["create", "-f", "-"], { input: service("copy", `  type: NodePort\n  ports:\n  - port: 80\n    nodePort: ${nodePort}\n`) });
    assert.match(port.stderr, /provided port is already allocated/);
    const after = parseYAML(await mustSucceed(kubectl)(["get", "svc", "kubernetes", "-o", "yaml"])) as ServiceObject & { metadata: { uid: string } };
    assert.equal(after.spec.clusterIP, "10.96.0.1");
    assert.equal(after.metadata.uid, (kubernetes as ServiceObject & { metadata: { uid: string } }).metadata.uid, "not created again");
  });
});
