// The binary on a real etcd (--etcd-servers), started by the test: the
// same kubectl basics, and a restart that keeps the objects in etcd.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type EtcdServer, startEtcdServer } from "@tskube/storage/testing";
import { type RunningAPIServer, hasKubectl, startAPIServer } from "./support/apiserver.js";
import { kubectlBasics } from "./support/basics.js";
import { kubectlFor, mustSucceed } from "./support/kubectl.js";

describe("kube-apiserver on etcd", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let etcd: EtcdServer;
  let server: RunningAPIServer;
  before(async () => {
    etcd = await startEtcdServer();
    server = await startAPIServer({ args: ["--etcd-servers", etcd.endpoints.join(","), "--etcd-prefix", "/tskube-e2e"] });
  });
  after(async () => {
    await server?.cleanup();
    await etcd?.destroy();
  });

  it("says it uses etcd", (t) => {
    t.diagnostic(`start to ready on etcd: ${server.readyMs} ms`);
    assert.match(server.output(), /storage: etcd at http:\/\/127\.0\.0\.1:\d+/);
  });

  kubectlBasics(() => server);

  it("keeps the objects in etcd across a restart of the server", async () => {
    const kubectl = mustSucceed(kubectlFor(server.kubeconfig));
    const uid = (await kubectl(["get", "ns", "kube-system", "-o", "jsonpath={.metadata.uid}"])).trim();
    assert.equal(await server.stop(), 0);
    server = await startAPIServer({ dataDir: server.dataDir, args: ["--etcd-servers", etcd.endpoints.join(","), "--etcd-prefix", "/tskube-e2e"] });
    assert.equal((await kubectl(["get", "ns", "kube-system", "-o", "jsonpath={.metadata.uid}"])).trim(), uid);
  });
});
