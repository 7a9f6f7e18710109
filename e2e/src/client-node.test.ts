// The binary driven by @kubernetes/client-node, loading the generated
// admin.kubeconfig as a user's program would: typed CoreV1Api calls,
// errors as ApiExceptions carrying the Status, a watch, and an informer.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  V1ConfigMap,
  Watch,
  makeInformer,
  setHeaderOptions,
} from "@kubernetes/client-node";
import { type RunningAPIServer, startAPIServer } from "./support/apiserver.js";

interface Status {
  kind: string;
  code: number;
  reason: string;
  message: string;
  details?: { name?: string; kind?: string; causes?: { field?: string; reason?: string }[] };
}

const NS = "client-node";
const T = { timeout: 30_000 };

async function failure(call: Promise<unknown>): Promise<Status> {
  try {
    await call;
  } catch (err) {
    assert.ok(err instanceof ApiException, `expected an ApiException, got ${String(err)}`);
    return (typeof err.body === "string" ? JSON.parse(err.body) : err.body) as Status;
  }
  assert.fail("the call succeeded");
}

describe("@kubernetes/client-node against the binary", () => {
  let server: RunningAPIServer;
  let kc: KubeConfig;
  let core: CoreV1Api;

  before(async () => {
    server = await startAPIServer();
    kc = new KubeConfig();
    kc.loadFromFile(server.kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: NS } } });
  });
  after(() => server?.cleanup());

  it("lists the system namespaces", T, async () => {
    const list = await core.listNamespace();
    const names = list.items.map((ns) => ns.metadata?.name);
    for (const name of ["default", "kube-system", "kube-public", "kube-node-lease", NS]) assert.ok(names.includes(name), name);
    assert.match(list.metadata?.resourceVersion ?? "", /^\d+$/);
  });

  it("creates, reads, replaces, patches and deletes a ConfigMap", T, async () => {
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "cfg", labels: { a: "1" } }, data: { k: "v" } } });
    assert.match(created.metadata?.uid ?? "", /^[0-9a-f-]{36}$/);
    assert.ok(created.metadata?.creationTimestamp instanceof Date);

    const read = await core.readNamespacedConfigMap({ namespace: NS, name: "cfg" });
    assert.deepEqual(read.data, { k: "v" });

    const replaced = await core.replaceNamespacedConfigMap({ namespace: NS, name: "cfg", body: { ...read, data: { k: "v2" } } });
    assert.ok(Number(replaced.metadata?.resourceVersion) > Number(read.metadata?.resourceVersion));

    // The stale resourceVersion of `read` is a 409 Conflict.
    const conflict = await failure(core.replaceNamespacedConfigMap({ namespace: NS, name: "cfg", body: { ...read, data: { k: "v3" } } }));
    assert.equal(conflict.code, 409);
    assert.equal(conflict.reason, "Conflict");

    const patched = await core.patchNamespacedConfigMap(
      { namespace: NS, name: "cfg", body: { data: { extra: "x" } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    assert.deepEqual(patched.data, { k: "v2", extra: "x" });
    const strategic = await core.patchNamespacedConfigMap(
      { namespace: NS, name: "cfg", body: { metadata: { labels: { b: "2" } } } },
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
    assert.deepEqual(strategic.metadata?.labels, { a: "1", b: "2" });

    const listed = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: "b=2" });
    assert.deepEqual(
      listed.items.map((cm) => cm.metadata?.name),
      ["cfg"],
    );

    await core.deleteNamespacedConfigMap({ namespace: NS, name: "cfg" });
    const gone = await failure(core.readNamespacedConfigMap({ namespace: NS, name: "cfg" }));
    assert.equal(gone.code, 404);
    assert.equal(gone.message, 'configmaps "cfg" not found');
    assert.deepEqual({ name: gone.details?.name, kind: gone.details?.kind }, { name: "cfg", kind: "configmaps" });
  });

  it("reports validation errors as a 422 Status with causes", T, async () => {
    const invalid = await failure(core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "Bad_Name" } } }));
    assert.equal(invalid.code, 422);
    assert.equal(invalid.reason, "Invalid");
    assert.equal(invalid.details?.causes?.[0]?.field, "metadata.name");
  });

  it("watches: ADDED, MODIFIED, DELETED from a list's resourceVersion", T, async () => {
    const start = await core.listNamespacedConfigMap({ namespace: NS });
    const seen: string[] = [];
    let request: { abort(): void } | undefined;
    const done = new Promise<void>((resolve, reject) => {
      void new Watch(kc)
        .watch(
          `/api/v1/namespaces/${NS}/configmaps`,
          { resourceVersion: start.metadata?.resourceVersion, allowWatchBookmarks: true },
          (type: string, obj: V1ConfigMap) => {
            if (type === "BOOKMARK") return;
            seen.push(`${type} ${obj.metadata?.name ?? ""}`);
            if (type === "DELETED") resolve();
          },
          (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : undefined),
        )
        .then((req) => (request = req), reject);
    });
    try {
      await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "w" } } });
      await core.patchNamespacedConfigMap({ namespace: NS, name: "w", body: { data: { a: "b" } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
      await core.deleteNamespacedConfigMap({ namespace: NS, name: "w" });
      await done;
      assert.deepEqual(seen, ["ADDED w", "MODIFIED w", "DELETED w"]);
    } finally {
      request?.abort();
    }
  });

  it("an informer sees objects as they come and go", T, async () => {
    const informer = makeInformer(kc, `/api/v1/namespaces/${NS}/configmaps`, () => core.listNamespacedConfigMap({ namespace: NS }));
    // Only the test's own ConfigMaps: the namespace also holds kube-root-ca.crt, made by the server.
    const ours = (cm: V1ConfigMap) => ["before", "during"].includes(cm.metadata?.name ?? "");
    const events: string[] = [];
    const deleted = new Promise<void>((resolve) => {
      informer.on("add", (cm: V1ConfigMap) => ours(cm) && events.push(`add ${cm.metadata?.name ?? ""}`));
      informer.on("update", (cm: V1ConfigMap) => ours(cm) && events.push(`update ${cm.metadata?.name ?? ""}`));
      informer.on("delete", (cm: V1ConfigMap) => {
        events.push(`delete ${cm.metadata?.name ?? ""}`);
        resolve();
      });
    });
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "before" } } });
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "during" } } });
      await core.patchNamespacedConfigMap({ namespace: NS, name: "during", body: { data: { x: "y" } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
      await core.deleteNamespacedConfigMap({ namespace: NS, name: "during" });
      await deleted;
      assert.deepEqual(events, ["add before", "add during", "update during", "delete during"]);
      assert.deepEqual(
        informer.list().filter(ours).map((cm) => cm.metadata?.name),
        ["before"],
      );
    } finally {
      await informer.stop();
    }
  });
});
