// Namespaces with kubectl, against the built binary: what every new
// namespace gets (the default ServiceAccount, kube-root-ca.crt), what pods
// get from the ServiceAccount admission plugin, two-step deletion through
// the namespace controller, and NamespaceLifecycle's refusals.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RunningAPIServer, hasKubectl, startAPIServer } from "./support/apiserver.js";
import { type Kubectl, kubectlFor, mustSucceed } from "./support/kubectl.js";

const T = { timeout: 60_000 };

const namespaceManifest = (name: string, finalizers?: string[]) =>
  JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name }, ...(finalizers ? { spec: { finalizers } } : {}) });
const configMapManifest = (name: string) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { k: "v" } });
const podManifest = (name: string) =>
  JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "app", image: "nginx" }] } });

/** Runs `kubectl` until it succeeds (for what controllers make shortly after). */
async function eventuallySucceeds(kubectl: Kubectl, args: string[], timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await kubectl(args);
    if (result.code === 0) return result.stdout;
    if (Date.now() > deadline) throw new Error(`kubectl ${args.join(" ")} kept failing: ${result.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("namespaces with kubectl", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let server: RunningAPIServer;
  let kubectl: Kubectl;
  let ok: (args: string[], opts?: { input?: string }) => Promise<string>;
  before(async () => {
    server = await startAPIServer();
    kubectl = kubectlFor(server.kubeconfig);
    ok = mustSucceed(kubectl);
  });
  after(() => server?.cleanup());

  it("logs the admission plugins that run", () => {
    assert.match(server.output(), /loaded 2 mutating admission controller\(s\) in the following order: NamespaceLifecycle,ServiceAccount/);
    assert.match(server.output(), /loaded 1 validating admission controller\(s\) in the following order: ServiceAccount/);
  });

  it("a new namespace gets the default ServiceAccount and kube-root-ca.crt; a pod gets its token volume", T, async () => {
    await ok(["create", "-f", "-"], { input: namespaceManifest("e2e-app") });
    assert.match(await eventuallySucceeds(kubectl, ["get", "sa", "default", "-n", "e2e-app"]), /^NAME\s+SECRETS\s+AGE\ndefault\s+0\s+/);
    assert.match(await eventuallySucceeds(kubectl, ["get", "cm", "kube-root-ca.crt", "-n", "e2e-app"]), /kube-root-ca\.crt\s+1\s+/);
    const ca = await ok(["get", "cm", "kube-root-ca.crt", "-n", "e2e-app", "-o", "jsonpath={.data.ca\\.crt}"]);
    assert.match(ca, /^-----BEGIN CERTIFICATE-----/);

    await ok(["create", "-n", "e2e-app", "-f", "-"], { input: configMapManifest("settings") });
    assert.match(await ok(["create", "-n", "e2e-app", "-f", "-"], { input: podManifest("web") }), /pod\/web created/);
    const pod = JSON.parse(await ok(["get", "pod", "web", "-n", "e2e-app", "-o", "json"])) as {
      spec: { serviceAccountName: string; volumes: { name: string }[]; containers: { volumeMounts: { name: string; mountPath: string; readOnly: boolean }[] }[] };
    };
    assert.equal(pod.spec.serviceAccountName, "default");
    assert.match(pod.spec.volumes[0]?.name ?? "", /^kube-api-access-[a-z0-9]{5}$/);
    assert.deepEqual(pod.spec.containers[0]?.volumeMounts, [
      { name: pod.spec.volumes[0]?.name, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true },
    ]);
  });

  it("kubectl delete ns empties the namespace and returns once it is gone", T, async () => {
    assert.match(await ok(["delete", "ns", "e2e-app", "--timeout=30s"]), /namespace "e2e-app" deleted/);
    await ok(["wait", "--for=delete", "ns/e2e-app", "--timeout=30s"]);
    const gone = await kubectl(["get", "ns", "e2e-app"]);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /namespaces "e2e-app" not found/);
    const pods = await kubectl(["get", "pod", "web", "-n", "e2e-app"]);
    assert.match(pods.stderr, /not found/);
  });

  it("creating in a terminating namespace is refused; /finalize lets it go", T, async () => {
    await ok(["create", "-f", "-"], { input: namespaceManifest("e2e-stuck", ["kubernetes", "example.com/e2e"]) });
    await ok(["delete", "ns", "e2e-stuck", "--wait=false"]);
    assert.match(await ok(["get", "ns", "e2e-stuck"]), /e2e-stuck\s+Terminating\s+/);

    const refused = await kubectl(["create", "-n", "e2e-stuck", "-f", "-"], { input: configMapManifest("late") });
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.stderr,
      /Error from server \(Forbidden\): error when creating "STDIN": configmaps "late" is forbidden: unable to create new content in namespace e2e-stuck because it is being terminated/,
    );

    // The controller removes its own finalizer; the other one is ours to remove, through /finalize.
    const waiting = await eventuallySucceeds(kubectl, ["get", "ns", "e2e-stuck", "-o", "jsonpath={.spec.finalizers}"]);
    assert.ok(waiting.includes("example.com/e2e"));
    const ns = JSON.parse(await ok(["get", "ns", "e2e-stuck", "-o", "json"])) as { spec: { finalizers: string[] } };
    ns.spec.finalizers = [];
    await ok(["replace", "--raw", "/api/v1/namespaces/e2e-stuck/finalize", "-f", "-"], { input: JSON.stringify(ns) });
    await ok(["wait", "--for=delete", "ns/e2e-stuck", "--timeout=30s"]);
  });

  it("kube-system, default and kube-public cannot be deleted", T, async () => {
    for (const name of ["kube-system", "default", "kube-public"]) {
      const result = await kubectl(["delete", "ns", name]);
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, new RegExp(`Error from server \\(Forbidden\\): namespaces "${name}" is forbidden: this namespace may not be deleted`));
    }
    assert.match(await ok(["get", "ns", "kube-system"]), /kube-system\s+Active/);
  });

  it("nothing can be created in a namespace that does not exist", T, async () => {
    const result = await kubectl(["create", "-n", "e2e-nowhere", "-f", "-"], { input: configMapManifest("c") });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Error from server \(NotFound\): error when creating "STDIN": namespaces "e2e-nowhere" not found/);
  });
});
