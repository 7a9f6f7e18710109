// The kube-apiserver over HTTPS: namespace life cycle (two-step deletion,
// /finalize, the namespace controller and its conditions), the
// NamespaceLifecycle and ServiceAccount admission plugins, and the
// controllers that give every namespace its default ServiceAccount and
// kube-root-ca.crt ConfigMap.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import type { ConfigMap } from "../apis/core/v1/configmap/schema.js";
import type { Namespace } from "../apis/core/v1/namespace/schema.js";
import type { Pod } from "../apis/core/v1/pod/schema.js";
import { type TestServer, eventually, expectObject, expectStatus, startTestServer } from "./test-support.js";

const T = { timeout: 30_000 };

const nsPath = (name = "", sub = "") => `/api/v1/namespaces${name ? `/${name}` : ""}${sub ? `/${sub}` : ""}`;
const inNs = (ns: string, resource: string, name = "") => `/api/v1/namespaces/${ns}/${resource}${name ? `/${name}` : ""}`;
const namespace = (name: string, spec?: Namespace["spec"]): Namespace => ({ apiVersion: "v1", kind: "Namespace", metadata: { name }, ...(spec ? { spec } : {}) });
const configMap = (name: string, meta: Partial<ConfigMap["metadata"]> = {}): ConfigMap => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, ...meta },
  data: { k: "v" },
});
const pod = (name: string, spec: Partial<NonNullable<Pod["spec"]>> = {}): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
});

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

async function createNamespace(name: string, spec?: Namespace["spec"]): Promise<Namespace> {
  return expectObject<Namespace>(await s.request(nsPath(), { method: "POST", body: namespace(name, spec) }), 201);
}

async function gone(path: string, timeoutMs = 10_000): Promise<boolean> {
  return eventually(async () => (await s.request(path)).status === 404, timeoutMs);
}

describe("namespace deletion", () => {
  it("DELETE marks the namespace Terminating; the controller empties it and it goes away", T, async () => {
    await createNamespace("doomed");
    expectObject(await s.request(inNs("doomed", "configmaps"), { method: "POST", body: configMap("c1") }), 201);
    expectObject(await s.request(inNs("doomed", "pods"), { method: "POST", body: pod("p1") }), 201);

    const res = await s.request(nsPath("doomed"), { method: "DELETE" });
    const marked = expectObject<Namespace>(res, 200);
    assert.equal(marked.kind, "Namespace");
    assert.match(marked.metadata.deletionTimestamp ?? "", /Z$/);
    assert.equal(marked.status?.phase, "Terminating");
    assert.deepEqual(marked.spec?.finalizers, ["kubernetes"]);

    assert.ok(await gone(nsPath("doomed")), "the namespace is removed within seconds");
    expectStatus(await s.request(inNs("doomed", "configmaps", "c1")), 404, "NotFound");
    expectStatus(await s.request(inNs("doomed", "pods", "p1")), 404, "NotFound");
  });

  it("nothing new can be created in a terminating namespace", T, async () => {
    await createNamespace("closing", { finalizers: ["kubernetes", "example.com/wait"] });
    expectObject(await s.request(nsPath("closing"), { method: "DELETE" }), 200);
    const status = expectStatus(await s.request(inNs("closing", "configmaps"), { method: "POST", body: configMap("late") }), 403, "Forbidden");
    assert.equal(status.message, 'configmaps "late" is forbidden: unable to create new content in namespace closing because it is being terminated');
    assert.deepEqual(status.details, {
      name: "late",
      kind: "configmaps",
      causes: [{ reason: "NamespaceTerminating", message: "namespace closing is being terminated", field: "metadata.namespace" }],
    });

    // The controller removes only its own finalizer; the namespace waits for the other.
    assert.ok(
      await eventually(async () => {
        const ns = (await s.request(nsPath("closing"))).json<Namespace>();
        return JSON.stringify(ns.spec?.finalizers) === '["example.com/wait"]';
      }),
    );
    const ns = (await s.request(nsPath("closing"))).json<Namespace>();
    assert.equal(ns.status?.phase, "Terminating");
    const conditions = Object.fromEntries((ns.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));
    assert.deepEqual(conditions, {
      NamespaceDeletionDiscoveryFailure: "False ResourcesDiscovered: All resources successfully discovered",
      NamespaceDeletionGroupVersionParsingFailure: "False ParsedGroupVersions: All legacy kube types successfully parsed",
      NamespaceDeletionContentFailure: "False ContentDeleted: All content successfully deleted, may be waiting on finalization",
      NamespaceContentRemaining: "False ContentRemoved: All content successfully removed",
      NamespaceFinalizersRemaining: "False ContentRemoved: All content successfully removed",
    });
    // Another DELETE changes nothing while finalizers remain.
    expectObject(await s.request(nsPath("closing"), { method: "DELETE" }), 200);

    const finalized = await s.request(nsPath("closing", "finalize"), { method: "PUT", body: { ...ns, spec: { finalizers: [] } } });
    expectObject(finalized, 200);
    assert.ok(await gone(nsPath("closing")));
  });

  it("content held by its own finalizers is reported in the conditions, and waited for", { timeout: 60_000 }, async () => {
    await createNamespace("held");
    expectObject(await s.request(inNs("held", "configmaps"), { method: "POST", body: configMap("keep", { finalizers: ["example.com/hold"] }) }), 201);
    expectObject(await s.request(nsPath("held"), { method: "DELETE" }), 200);
    let conditions: Record<string, string> = {};
    assert.ok(
      await eventually(async () => {
        const ns = (await s.request(nsPath("held"))).json<Namespace>();
        conditions = Object.fromEntries((ns.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));
        return conditions["NamespaceContentRemaining"]?.startsWith("True") ?? false;
      }),
    );
    assert.equal(conditions["NamespaceContentRemaining"], "True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances");
    assert.equal(conditions["NamespaceFinalizersRemaining"], "True SomeFinalizerRemain: Some finalizers are remaining: example.com/hold in 1 resource instances");
    assert.equal(conditions["NamespaceDeletionContentFailure"]?.split(":")[0], "False ContentDeleted");

    const cm = (await s.request(inNs("held", "configmaps", "keep"))).json<ConfigMap>();
    assert.ok(cm.metadata.deletionTimestamp, "the configmap is being deleted");
    expectObject(await s.request(inNs("held", "configmaps", "keep"), { method: "PUT", body: { ...cm, metadata: { ...cm.metadata, finalizers: [] } } }), 200);
    // Checked again after 15/2 + 1 s, as upstream.
    assert.ok(await gone(nsPath("held"), 20_000));
  });

  it("PUT /finalize changes spec.finalizers, never status; it is update-only", T, async () => {
    const ns = await createNamespace("fin", { finalizers: ["kubernetes", "example.com/a"] });
    const res = await s.request(nsPath("fin", "finalize"), {
      method: "PUT",
      body: { ...ns, spec: { finalizers: ["example.com/a"] }, status: { phase: "Terminating" } },
    });
    const after = expectObject<Namespace>(res, 200);
    assert.deepEqual(after.spec?.finalizers, ["example.com/a"]);
    assert.equal(after.status?.phase, "Active");

    const invalid = expectStatus(
      await s.request(nsPath("fin", "finalize"), { method: "PUT", body: { ...after, spec: { finalizers: ["nope"] } } }),
      422,
      "Invalid",
    );
    assert.deepEqual(
      invalid.details?.causes?.map((c) => `${c.field}: ${c.message}`),
      ['spec.finalizers[0]: Invalid value: "nope": name is neither a standard finalizer name nor is it fully qualified'],
    );
    expectStatus(await s.request(nsPath("fin", "finalize")), 405, "MethodNotAllowed");
    expectStatus(await s.request(nsPath("missing", "finalize"), { method: "PUT", body: namespace("missing") }), 404, "NotFound");
  });

  it("discovery lists namespaces/finalize as upstream", T, async () => {
    const list = (await s.request("/api/v1")).json<{ resources: { name: string; singularName: string; namespaced: boolean; kind: string; verbs: string[] }[] }>();
    assert.deepEqual(
      list.resources.find((r) => r.name === "namespaces/finalize"),
      { name: "namespaces/finalize", singularName: "", namespaced: false, kind: "Namespace", verbs: ["update"] },
    );
  });
});

describe("NamespaceLifecycle", () => {
  it("refuses to delete default, kube-system and kube-public", T, async () => {
    for (const name of ["default", "kube-system", "kube-public"]) {
      const status = expectStatus(await s.request(nsPath(name), { method: "DELETE" }), 403, "Forbidden");
      assert.equal(status.message, `namespaces "${name}" is forbidden: this namespace may not be deleted`);
      assert.equal((await s.request(nsPath(name))).json<Namespace>().status?.phase, "Active");
    }
  });

  it("refuses objects in a namespace that does not exist", T, async () => {
    const status = expectStatus(await s.request(inNs("nowhere", "configmaps"), { method: "POST", body: configMap("c") }), 404, "NotFound");
    assert.equal(status.message, 'namespaces "nowhere" not found');
    assert.deepEqual(status.details, { name: "nowhere", kind: "namespaces" });
    expectStatus(await s.request(inNs("nowhere", "configmaps", "c"), { method: "PUT", body: configMap("c") }), 404, "NotFound");
  });
});

describe("ServiceAccount admission", () => {
  before(async () => {
    await createNamespace("apps");
    assert.ok(await eventually(async () => (await s.request(inNs("apps", "serviceaccounts", "default"))).status === 200));
  });

  it("gives a pod the default account and its token volume, mounted in every container", T, async () => {
    const body = pod("web", { initContainers: [{ name: "init", image: "busybox" }] });
    const created = expectObject<Pod>(await s.request(inNs("apps", "pods"), { method: "POST", body }), 201);
    const spec = created.spec!;
    assert.equal(spec.serviceAccountName, "default");
    assert.equal(spec.serviceAccount, "default");
    const volume = spec.volumes?.[0];
    assert.match(volume?.name ?? "", /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(volume?.projected, {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
      ],
    });
    const mount = { name: volume?.name, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" };
    assert.deepEqual(spec.containers[0]?.volumeMounts, [mount]);
    assert.deepEqual(spec.initContainers?.[0]?.volumeMounts, [mount]);
  });

  it("mounts nothing when the pod or its account opts out, or a container already uses the path", T, async () => {
    const optOut = expectObject<Pod>(await s.request(inNs("apps", "pods"), { method: "POST", body: pod("no-token", { automountServiceAccountToken: false }) }), 201);
    assert.equal(optOut.spec?.volumes, undefined);
    assert.equal(optOut.spec?.containers[0]?.volumeMounts, undefined);

    const account = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "quiet" }, automountServiceAccountToken: false };
    expectObject(await s.request(inNs("apps", "serviceaccounts"), { method: "POST", body: account }), 201);
    const quiet = expectObject<Pod>(await s.request(inNs("apps", "pods"), { method: "POST", body: pod("quiet", { serviceAccountName: "quiet" }) }), 201);
    assert.equal(quiet.spec?.volumes, undefined);

    const own = pod("own", {
      volumes: [{ name: "mine", emptyDir: {} }],
      containers: [{ name: "app", image: "nginx", volumeMounts: [{ name: "mine", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }] }],
    });
    const ownPod = expectObject<Pod>(await s.request(inNs("apps", "pods"), { method: "POST", body: own }), 201);
    assert.deepEqual(ownPod.spec?.volumes?.map((v) => v.name), ["mine"]);
  });

  it("refuses a pod whose account does not exist", T, async () => {
    const res = await s.request(inNs("apps", "pods"), { method: "POST", body: pod("lost", { serviceAccountName: "ghost" }) });
    const status = expectStatus(res, 403, "Forbidden");
    assert.equal(status.message, 'pods "lost" is forbidden: error looking up service account apps/ghost: serviceaccount "ghost" not found');
  });
});

describe("controllers", () => {
  it("every namespace, the system ones too, gets a default ServiceAccount and kube-root-ca.crt", T, async () => {
    await createNamespace("fresh");
    for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease", "fresh"]) {
      assert.ok(await eventually(async () => (await s.request(inNs(ns, "serviceaccounts", "default"))).status === 200), `${ns}: default account`);
      assert.ok(await eventually(async () => (await s.request(inNs(ns, "configmaps", "kube-root-ca.crt"))).status === 200), `${ns}: root CA`);
    }
    const cm = (await s.request(inNs("fresh", "configmaps", "kube-root-ca.crt"))).json<ConfigMap>();
    assert.deepEqual(cm.data, { "ca.crt": s.ca.cert });
    assert.match(cm.metadata.annotations?.["kubernetes.io/description"] ?? "", /^Contains a CA bundle that can be used to verify the kube-apiserver/);
  });

  it("puts back what is deleted or changed", T, async () => {
    await createNamespace("repair");
    assert.ok(await eventually(async () => (await s.request(inNs("repair", "serviceaccounts", "default"))).status === 200));
    assert.ok(await eventually(async () => (await s.request(inNs("repair", "configmaps", "kube-root-ca.crt"))).status === 200));
    const oldAccount = (await s.request(inNs("repair", "serviceaccounts", "default"))).json<KubeObject>();
    expectObject(await s.request(inNs("repair", "serviceaccounts", "default"), { method: "DELETE" }), 200);
    assert.ok(
      await eventually(async () => {
        const res = await s.request(inNs("repair", "serviceaccounts", "default"));
        return res.status === 200 && res.json<KubeObject>().metadata.uid !== oldAccount.metadata.uid;
      }),
      "a new default account",
    );

    expectObject(await s.request(inNs("repair", "configmaps", "kube-root-ca.crt"), { method: "DELETE" }), 200);
    assert.ok(await eventually(async () => (await s.request(inNs("repair", "configmaps", "kube-root-ca.crt"))).status === 200));
    const cm = (await s.request(inNs("repair", "configmaps", "kube-root-ca.crt"))).json<ConfigMap>();
    expectObject(await s.request(inNs("repair", "configmaps", "kube-root-ca.crt"), { method: "PUT", body: { ...cm, data: { "ca.crt": "tampered" } } }), 200);
    assert.ok(
      await eventually(async () => (await s.request(inNs("repair", "configmaps", "kube-root-ca.crt"))).json<ConfigMap>().data?.["ca.crt"] === s.ca.cert),
      "the bundle is restored",
    );
  });
});

describe("admission plugins can be turned off", () => {
  let bare: TestServer;
  before(async () => {
    bare = await startTestServer({ admission: { plugins: [] } });
  });
  after(() => bare.close());

  it("without NamespaceLifecycle and ServiceAccount, nothing checks namespaces or accounts", T, async () => {
    expectObject(await bare.request(inNs("nowhere", "configmaps"), { method: "POST", body: configMap("c") }), 201);
    const created = expectObject<Pod>(await bare.request(inNs("default", "pods"), { method: "POST", body: pod("p") }), 201);
    assert.equal(created.spec?.serviceAccountName, undefined);
    assert.equal(created.spec?.volumes, undefined);
    const marked = expectObject<Namespace>(await bare.request(nsPath("kube-public"), { method: "DELETE" }), 200);
    assert.equal(marked.status?.phase, "Terminating");
  });
});
