// The kubectl basics every storage stack must pass: discovery, the system
// namespaces, creating, reading, listing, selecting and deleting ConfigMaps
// and Secrets (from manifests, and from kubectl's generators, which send
// protobuf), tables, api-resources and explain.

import assert from "node:assert/strict";
import { it } from "node:test";
import { parse as parseYAML } from "yaml";
import type { RunningAPIServer } from "./apiserver.js";
import { type Kubectl, kubectlFor, mustSucceed } from "./kubectl.js";

interface Obj {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; creationTimestamp?: string; generation?: number; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Table rows as kubectl prints them, split into columns. */
function rows(stdout: string): string[][] {
  return stdout.trim().split("\n").map((line) => line.trim().split(/\s+/));
}

export function kubectlBasics(server: () => RunningAPIServer): void {
  let raw: Kubectl | undefined;
  const kubectl: Kubectl = (args, opts) => {
    raw ??= kubectlFor(server().kubeconfig);
    return raw(args, opts);
  };
  const ok = mustSucceed(kubectl);

  it("kubectl version reports the server", async () => {
    const out = await ok(["version"]);
    assert.match(out, /Server Version: v1\.32\.\d+/);
  });

  it("kubectl api-versions lists every built-in group/version, core first", async () => {
    const versions = (await ok(["api-versions"])).trim().split("\n");
    for (const gv of [
      "v1",
      "apps/v1",
      "batch/v1",
      "coordination.k8s.io/v1",
      "discovery.k8s.io/v1",
      "events.k8s.io/v1",
      "networking.k8s.io/v1",
      "policy/v1",
      "scheduling.k8s.io/v1",
      "storage.k8s.io/v1",
    ]) {
      assert.ok(versions.includes(gv), `${gv} in ${versions.join(" ")}`);
    }
  });

  it("kubectl get ns lists the four system namespaces, Active", async () => {
    const table = rows(await ok(["get", "ns"]));
    assert.deepEqual(table[0], ["NAME", "STATUS", "AGE"]);
    assert.deepEqual(
      table.slice(1).map(([name, status]) => [name, status]),
      [
        ["default", "Active"],
        ["kube-node-lease", "Active"],
        ["kube-public", "Active"],
        ["kube-system", "Active"],
      ],
    );
    const ns = parseYAML(await ok(["get", "ns", "kube-system", "-o", "yaml"])) as Obj;
    assert.deepEqual(ns["spec"], { finalizers: ["kubernetes"] });
    assert.deepEqual(ns["status"], { phase: "Active" });
    assert.deepEqual(ns.metadata.labels, { "kubernetes.io/metadata.name": "kube-system" });
  });

  it("kubectl create -f a ConfigMap; get -o yaml shows upstream's fields and nothing more", async () => {
    const manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n  size: large\n";
    assert.match(await ok(["create", "-f", "-"], { input: manifest }), /configmap\/settings created/);
    const cm = parseYAML(await ok(["get", "configmap", "settings", "-o", "yaml"])) as Obj;
    assert.equal(cm.apiVersion, "v1");
    assert.equal(cm.kind, "ConfigMap");
    assert.deepEqual(cm["data"], { color: "blue", size: "large" });
    assert.deepEqual(Object.keys(cm.metadata).sort(), ["creationTimestamp", "name", "namespace", "resourceVersion", "uid"]);
    assert.equal(cm.metadata.namespace, "default");
    assert.match(cm.metadata.creationTimestamp ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(cm.metadata.resourceVersion ?? "", /^\d+$/);
  });

  it("kubectl create -f a Secret with stringData: merged into data, type Opaque", async () => {
    const manifest = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: s3cr3t\n";
    await ok(["create", "-f", "-"], { input: manifest });
    const secret = parseYAML(await ok(["get", "secret", "creds", "-o", "yaml"])) as Obj;
    assert.equal(secret["type"], "Opaque");
    assert.deepEqual(secret["data"], { password: Buffer.from("s3cr3t").toString("base64") });
    assert.equal(secret["stringData"], undefined);
    const table = rows(await ok(["get", "secrets"]));
    assert.deepEqual(table[0], ["NAME", "TYPE", "DATA", "AGE"]);
    assert.deepEqual(table[1]?.slice(0, 3), ["creds", "Opaque", "1"]);
  });

  // kubectl's create generators use client-go's typed clients, which send
  // application/vnd.kubernetes.protobuf bodies (and accept JSON back).
  it("kubectl create configmap, secret generic, serviceaccount (protobuf request bodies)", async () => {
    assert.match(await ok(["create", "configmap", "from-literal", "--from-literal=a=b", "--from-literal=c=d"]), /configmap\/from-literal created/);
    const cm = parseYAML(await ok(["get", "configmap", "from-literal", "-o", "yaml"])) as Obj;
    assert.deepEqual(cm["data"], { a: "b", c: "d" });
    assert.equal(cm.metadata.namespace, "default");
    assert.match(cm.metadata.creationTimestamp ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await ok(["create", "secret", "generic", "generic", "--from-literal=user=admin"]);
    const secret = parseYAML(await ok(["get", "secret", "generic", "-o", "yaml"])) as Obj;
    assert.equal(secret["type"], "Opaque");
    assert.deepEqual(secret["data"], { user: Buffer.from("admin").toString("base64") });

    assert.match(await ok(["create", "serviceaccount", "builder"]), /serviceaccount\/builder created/);
    const sa = parseYAML(await ok(["get", "serviceaccount", "builder", "-o", "yaml"])) as Obj;
    assert.equal(sa.kind, "ServiceAccount");
    assert.equal(sa.metadata.name, "builder");

    // Server-side validation and fieldValidation=Strict apply to protobuf bodies as to JSON ones.
    const bad = await kubectl(["create", "configmap", "Bad_Name", "--from-literal=a=b"]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/);
    const dryRun = await ok(["create", "configmap", "dry", "--from-literal=a=b", "--dry-run=server", "-o", "name"]);
    assert.equal(dryRun.trim(), "configmap/dry");
    assert.notEqual((await kubectl(["get", "configmap", "dry"])).code, 0);
  });

  it("kubectl get cm -o json; the Data column counts keys", async () => {
    const list = JSON.parse(await ok(["get", "cm", "-o", "json"])) as { kind: string; items: Obj[] };
    assert.equal(list.kind, "List");
    const settings = list.items.find((item) => item.metadata.name === "settings");
    assert.deepEqual(settings?.["data"], { color: "blue", size: "large" });
    const table = rows(await ok(["get", "cm", "settings"]));
    assert.deepEqual(table[0], ["NAME", "DATA", "AGE"]);
    assert.deepEqual(table[1]?.slice(0, 2), ["settings", "2"]);
  });

  it("field selectors: secrets by type, namespaces by status.phase", async () => {
    assert.match(await ok(["get", "secrets", "--field-selector", "type=Opaque", "-o", "name"]), /secret\/creds/);
    assert.equal((await ok(["get", "secrets", "--field-selector", "type=kubernetes.io/tls", "-o", "name"])).trim(), "");
    const active = (await ok(["get", "ns", "--field-selector", "status.phase=Active", "-o", "name"])).trim().split("\n");
    assert.equal(active.length, 4);
    const bad = await kubectl(["get", "configmaps", "--field-selector", "data.color=blue"]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /field label not supported: data\.color/);
  });

  it("rejects an invalid key with upstream's message", async () => {
    const manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  'a b': x\n";
    const result = await kubectl(["create", "-f", "-"], { input: manifest });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ConfigMap "bad" is invalid: data\[a b\]: Invalid value: "a b": a valid config key must consist of alphanumeric characters/);
  });

  it("kubectl delete removes the object", async () => {
    assert.match(await ok(["delete", "configmap", "settings"]), /configmap "settings" deleted/);
    const gone = await kubectl(["get", "configmap", "settings"]);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /configmaps "settings" not found/);
  });

  it("kubectl api-resources lists the kinds with their short names", async () => {
    const table = rows(await ok(["api-resources", "--no-headers"]));
    const byName = new Map(table.map((row) => [row[0], row]));
    assert.deepEqual(byName.get("configmaps"), ["configmaps", "cm", "v1", "true", "ConfigMap"]);
    assert.deepEqual(byName.get("namespaces"), ["namespaces", "ns", "v1", "false", "Namespace"]);
    assert.deepEqual(byName.get("secrets"), ["secrets", "v1", "true", "Secret"]);
  });

  it("kubectl explain configmap.data describes the field", async () => {
    const out = await ok(["explain", "configmap.data"]);
    assert.match(out, /KIND:\s+ConfigMap/);
    assert.match(out, /FIELD:\s+data <map\[string\]string>/);
    assert.match(out, /Text configuration/);
  });

  // Last, as the tests above count the namespaces.
  it("kubectl create namespace (a protobuf request body): Active, with the finalizer and the name label", async () => {
    assert.match(await ok(["create", "namespace", "from-kubectl"]), /namespace\/from-kubectl created/);
    const ns = parseYAML(await ok(["get", "ns", "from-kubectl", "-o", "yaml"])) as Obj;
    assert.deepEqual(ns["spec"], { finalizers: ["kubernetes"] });
    assert.deepEqual(ns["status"], { phase: "Active" });
    assert.deepEqual(ns.metadata.labels, { "kubernetes.io/metadata.name": "from-kubectl" });
    assert.match(await ok(["create", "serviceaccount", "in-new-ns", "-n", "from-kubectl"]), /serviceaccount\/in-new-ns created/);
  });
}
