// The binary on its default, embedded store, driven by kubectl: startup
// time, the basics, and a restart on the same data directory.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse as parseYAML } from "yaml";
import { type RunningAPIServer, hasKubectl, startAPIServer } from "./support/apiserver.js";
import { kubectlBasics } from "./support/basics.js";
import { kubectlFor, mustSucceed } from "./support/kubectl.js";

// Startup time is measured by the startup benchmark (pnpm bench:startup),
// not asserted here: a test's timing depends on what else the machine runs.
// These tests report it as a diagnostic.

describe("kube-apiserver on the embedded store", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let server: RunningAPIServer;
  before(async () => {
    server = await startAPIServer();
  });
  after(() => server?.cleanup());

  it("becomes ready on a first start (which generates the credentials)", (t) => {
    t.diagnostic(`first start to ready: ${server.readyMs} ms`);
    assert.ok(server.readyMs > 0);
  });

  it("logs how to use the admin kubeconfig", () => {
    assert.ok(server.output().includes(`export KUBECONFIG=${server.kubeconfig}`), server.output());
  });

  kubectlBasics(() => server);
});

describe("kube-apiserver restarted on the same data directory", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let first: RunningAPIServer;
  let second: RunningAPIServer | undefined;
  after(async () => {
    await second?.stop();
    await first?.cleanup();
  });

  it("restarts, keeping objects with their uid and resourceVersion; new writes get higher resourceVersions", async (t) => {
    first = await startAPIServer();
    const manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: durable\ndata:\n  k: v\n";
    await mustSucceed(kubectlFor(first.kubeconfig))(["create", "-f", "-"], { input: manifest });
    const before = parseYAML(await mustSucceed(kubectlFor(first.kubeconfig))(["get", "cm", "durable", "-o", "yaml"])) as {
      metadata: { uid: string; resourceVersion: string };
    };
    assert.equal(await first.stop(), 0, "a clean shutdown exits 0");

    second = await startAPIServer({ dataDir: first.dataDir });
    t.diagnostic(`restart to ready: ${second.readyMs} ms`);
    // The same credentials: the kubeconfig of the first run still works.
    const kubectl = mustSucceed(kubectlFor(first.kubeconfig));
    const after = parseYAML(await kubectl(["get", "cm", "durable", "-o", "yaml"])) as typeof before;
    assert.equal(after.metadata.uid, before.metadata.uid);
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);

    await kubectl(["create", "-f", "-"], { input: manifest.replace("durable", "later") });
    const later = parseYAML(await kubectl(["get", "cm", "later", "-o", "yaml"])) as typeof before;
    assert.ok(Number(later.metadata.resourceVersion) > Number(before.metadata.resourceVersion));
    // The system namespaces were not created twice.
    assert.ok(!second.output().includes("created system namespaces"), second.output());
  });
});
