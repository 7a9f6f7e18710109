// The everyday kubectl workflows against the real binary (embedded store):
// multi-document create, every output form, selectors, sorting and paging,
// label/annotate, the three patch types, client-side apply and re-apply,
// replace with a stale resourceVersion, edit through an editor script,
// get -w, finalizers, wait --for=delete and server-side dry runs.

import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse as parseYAML } from "yaml";
import { type RunningAPIServer, hasKubectl, startAPIServer } from "./support/apiserver.js";
import { type Kubectl, kubectlFor, mustSucceed, startKubectl } from "./support/kubectl.js";

interface Obj {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    deletionTimestamp?: string;
  };
  [field: string]: unknown;
}

interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  env?: { name: string; value?: string }[];
}

const NS = "work";

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata:
  name: ${NS}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: alpha
  namespace: ${NS}
  labels: {tier: front, app: shop}
data: {color: blue, size: "3"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: beta
  namespace: ${NS}
  labels: {tier: back, app: shop}
data: {color: red}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: gamma
  namespace: ${NS}
  labels: {tier: back, app: blog}
data: {color: green, size: "1", shape: round}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: ${NS}
  labels: {app: shop}
spec:
  containers:
  - name: app
    image: nginx:1.25
    env:
    - {name: MODE, value: prod}
  - name: sidecar
    image: busybox
`;

function rows(stdout: string): string[][] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
}

describe("kubectl workflows", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let server: RunningAPIServer;
  let kubectl: Kubectl;
  let ok: ReturnType<typeof mustSucceed>;
  /** kubectl in the test namespace. */
  let inNS: (args: string[], opts?: { input?: string; env?: Record<string, string> }) => Promise<string>;
  const getObj = async (...args: string[]) => parseYAML(await inNS(["get", ...args, "-o", "yaml"])) as Obj;

  before(async () => {
    server = await startAPIServer();
    kubectl = kubectlFor(server.kubeconfig);
    ok = mustSucceed(kubectl);
    inNS = (args, opts) => ok(["-n", NS, ...args], opts);
  });
  after(() => server?.cleanup());

  it("create -f with a multi-document YAML creates every object", async () => {
    const out = await ok(["create", "-f", "-"], { input: MANIFESTS });
    assert.deepEqual(out.trim().split("\n"), [
      `namespace/${NS} created`,
      "configmap/alpha created",
      "configmap/beta created",
      "configmap/gamma created",
      "pod/web created",
    ]);
  });

  it("get in every output form", async () => {
    const json = JSON.parse(await inNS(["get", "cm", "alpha", "-o", "json"])) as Obj;
    assert.deepEqual(json["data"], { color: "blue", size: "3" });
    const yaml = await getObj("cm", "alpha");
    assert.equal(yaml.metadata.uid, json.metadata.uid);
    assert.deepEqual((await inNS(["get", "cm", "-l", "app", "-o", "name"])).trim().split("\n"), [
      "configmap/alpha",
      "configmap/beta",
      "configmap/gamma",
    ]);
    assert.equal(await inNS(["get", "cm", "alpha", "-o", "jsonpath={.data.color}"]), "blue");
    assert.equal(await inNS(["get", "cm", "-l", "app", "-o", "go-template={{range .items}}{{.metadata.name}} {{end}}"]), "alpha beta gamma ");
    const custom = rows(await inNS(["get", "cm", "-l", "app", "-o", "custom-columns=NAME:.metadata.name,COLOR:.data.color,TIER:.metadata.labels.tier"]));
    assert.deepEqual(custom, [
      ["NAME", "COLOR", "TIER"],
      ["alpha", "blue", "front"],
      ["beta", "red", "back"],
      ["gamma", "green", "back"],
    ]);
    const table = rows(await inNS(["get", "cm", "-l", "app", "--show-labels"]));
    assert.deepEqual(table[0], ["NAME", "DATA", "AGE", "LABELS"]);
    assert.deepEqual(table[3]?.slice(0, 2), ["gamma", "3"]);
    assert.equal(table[3]?.[3], "app=blog,tier=back");
    // -o wide of a pod adds IP, NODE, NOMINATED NODE and READINESS GATES.
    const wide = rows(await inNS(["get", "pod", "web", "-o", "wide"]));
    assert.deepEqual(wide[0], ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"]);
    assert.deepEqual(wide[1]?.slice(0, 4), ["web", "0/2", "Pending", "0"]);
  });

  it("label and field selectors", async () => {
    assert.deepEqual((await inNS(["get", "cm", "-l", "tier=back,app!=blog", "-o", "name"])).trim().split("\n"), ["configmap/beta"]);
    assert.deepEqual((await inNS(["get", "cm", "-l", "app in (shop,blog),tier notin (front)", "-o", "name"])).trim().split("\n"), [
      "configmap/beta",
      "configmap/gamma",
    ]);
    assert.equal((await inNS(["get", "cm", "--field-selector", "metadata.name=gamma", "-o", "name"])).trim(), "configmap/gamma");
    assert.equal((await inNS(["get", "pods", "--field-selector", "status.phase=Pending", "-o", "name"])).trim(), "pod/web");
    assert.equal((await inNS(["get", "pods", "--field-selector", "spec.nodeName=node-1", "-o", "name"])).trim(), "");
    const bad = await kubectl(["-n", NS, "get", "cm", "-l", "a in (b"]);
    assert.notEqual(bad.code, 0);
  });

  it("--sort-by and --chunk-size", async () => {
    const bySize = rows(await inNS(["get", "cm", "-l", "app", "--sort-by", ".data.size", "-o", "custom-columns=NAME:.metadata.name", "--no-headers"]));
    // beta has no size: kubectl sorts missing values first.
    assert.deepEqual(bySize.flat(), ["beta", "gamma", "alpha"]);
    const paged = await inNS(["get", "cm", "-l", "app", "--chunk-size=1", "-o", "name", "-v=6"]);
    assert.deepEqual(paged.trim().split("\n").filter((l) => l.startsWith("configmap/")), ["configmap/alpha", "configmap/beta", "configmap/gamma"]);
    // Paging also works for tables, with the header printed once.
    const table = rows(await inNS(["get", "cm", "-l", "app", "--chunk-size=2"]));
    assert.deepEqual(
      table.map((r) => r[0]),
      ["NAME", "alpha", "beta", "gamma"],
    );
  });

  it("label and annotate, overwrite and remove", async () => {
    assert.match(await inNS(["label", "cm", "alpha", "stage=test"]), /configmap\/alpha labeled/);
    const conflict = await kubectl(["-n", NS, "label", "cm", "alpha", "stage=prod"]);
    assert.notEqual(conflict.code, 0);
    assert.match(conflict.stderr, /already has a value \(test\), and --overwrite is false/);
    await inNS(["label", "cm", "alpha", "stage=prod", "--overwrite"]);
    await inNS(["annotate", "cm", "alpha", "owner=team-a", "note=hello world"]);
    let cm = await getObj("cm", "alpha");
    assert.equal(cm.metadata.labels?.["stage"], "prod");
    assert.equal(cm.metadata.annotations?.["note"], "hello world");
    await inNS(["label", "cm", "alpha", "stage-"]);
    await inNS(["annotate", "cm", "alpha", "note-"]);
    cm = await getObj("cm", "alpha");
    assert.equal(cm.metadata.labels?.["stage"], undefined);
    assert.deepEqual(cm.metadata.annotations, { owner: "team-a" });
  });

  it("patch: strategic (the default), merge and json", async () => {
    // Strategic: containers merge by name (the sidecar stays; a pod may change only its images).
    await inNS(["patch", "pod", "web", "-p", '{"spec":{"containers":[{"name":"app","image":"nginx:1.26"}]}}']);
    const pod = await getObj("pod", "web");
    const containers = (pod["spec"] as { containers: Container[] }).containers;
    assert.deepEqual(
      containers.map((c) => [c.name, c.image]),
      [
        ["app", "nginx:1.26"],
        ["sidecar", "busybox"],
      ],
    );
    assert.deepEqual(containers[0]?.env, [{ name: "MODE", value: "prod" }]);
    // Service ports merge by port; $patch: delete removes one of them.
    await ok(["create", "-f", "-"], {
      input: `apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n  namespace: ${NS}\nspec:\n  selector: {app: shop}\n  ports:\n  - {name: http, port: 80}\n  - {name: https, port: 443}\n`,
    });
    await inNS(["patch", "svc", "shop", "-p", '{"spec":{"ports":[{"port":8080,"name":"alt"},{"port":80,"$patch":"delete"}]}}']);
    const ports = ((await getObj("svc", "shop"))["spec"] as { ports: { name: string; port: number }[] }).ports;
    assert.deepEqual(ports.map((p) => [p.name, p.port]).sort(), [
      ["alt", 8080],
      ["https", 443],
    ]);

    // Merge patch: null removes a key.
    await inNS(["patch", "cm", "gamma", "--type=merge", "-p", '{"data":{"shape":null,"color":"teal"}}']);
    assert.deepEqual((await getObj("cm", "gamma"))["data"], { color: "teal", size: "1" });
    // JSON patch, with a test that fails: nothing changes.
    await inNS(["patch", "cm", "gamma", "--type=json", "-p", '[{"op":"replace","path":"/data/size","value":"2"},{"op":"add","path":"/data/new","value":"x"}]']);
    assert.deepEqual((await getObj("cm", "gamma"))["data"], { color: "teal", size: "2", new: "x" });
    const failed = await kubectl(["-n", NS, "patch", "cm", "gamma", "--type=json", "-p", '[{"op":"test","path":"/data/size","value":"9"},{"op":"remove","path":"/data/new"}]']);
    assert.notEqual(failed.code, 0);
    // As upstream: a failed JSON patch operation is a 422 whose message does not say which.
    assert.match(failed.stderr, /The request is invalid: the server rejected our request due to an error in our request/);
    assert.deepEqual((await getObj("cm", "gamma"))["data"], { color: "teal", size: "2", new: "x" });
  });

  it("apply creates, re-apply drops a field that left the manifest, and keeps fields others set", async () => {
    const manifest = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: ${NS}\ndata:\n${data}`;
    assert.match(await ok(["apply", "-f", "-"], { input: manifest("  a: '1'\n  b: '2'\n") }), /configmap\/applied created/);
    let cm = await getObj("cm", "applied");
    assert.ok(cm.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"]);
    // Someone else adds a key; the manifest drops b and changes a.
    await inNS(["patch", "cm", "applied", "--type=merge", "-p", '{"data":{"other":"kept"}}']);
    assert.match(await ok(["apply", "-f", "-"], { input: manifest("  a: '10'\n") }), /configmap\/applied configured/);
    cm = await getObj("cm", "applied");
    assert.deepEqual(cm["data"], { a: "10", other: "kept" });
    assert.match(await ok(["apply", "-f", "-"], { input: manifest("  a: '10'\n") }), /configmap\/applied unchanged/);

    // A pod: apply with a strategic three-way patch by container name.
    const pod = (image: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: applied-pod\n  namespace: ${NS}\n  labels: {a: "1"}\nspec:\n  containers:\n  - name: main\n    image: ${image}\n`;
    await ok(["apply", "-f", "-"], { input: pod("redis:7") });
    await ok(["apply", "-f", "-"], { input: pod("redis:7.2") });
    const applied = await getObj("pod", "applied-pod");
    assert.deepEqual(
      (applied["spec"] as { containers: Container[] }).containers.map((c) => c.image),
      ["redis:7.2"],
    );
  });

  it("replace with a stale resourceVersion is a Conflict", async () => {
    const current = await getObj("cm", "beta");
    const stale = { ...current, data: { color: "black" } };
    await inNS(["patch", "cm", "beta", "--type=merge", "-p", '{"data":{"color":"white"}}']);
    const result = await kubectl(["replace", "-f", "-"], { input: JSON.stringify(stale) });
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /Operation cannot be fulfilled on configmaps "beta": the object has been modified; please apply your changes to the latest version and try again/,
    );
    assert.deepEqual((await getObj("cm", "beta"))["data"], { color: "white" });
    // Without a resourceVersion, replace wins.
    const fresh = { ...current, metadata: { ...current.metadata, resourceVersion: undefined }, data: { color: "black" } };
    assert.match(await ok(["replace", "-f", "-"], { input: JSON.stringify(fresh) }), /configmap\/beta replaced/);
    assert.deepEqual((await getObj("cm", "beta"))["data"], { color: "black" });
  });

  it("edit through an editor script", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tskube-editor-"));
    const editor = join(dir, "editor.sh");
    writeFileSync(editor, `#!/bin/sh\nsed -i 's/color: blue/color: purple/' "$1"\n`);
    chmodSync(editor, 0o755);
    assert.match(await inNS(["edit", "cm", "alpha"], { env: { KUBE_EDITOR: editor } }), /configmap\/alpha edited/);
    assert.equal((await getObj("cm", "alpha"))["data"] && ((await getObj("cm", "alpha"))["data"] as Record<string, string>)["color"], "purple");
    // An edit that makes the object invalid is refused and nothing changes.
    const breaker = join(dir, "breaker.sh");
    writeFileSync(breaker, `#!/bin/sh\nsed -i 's/  color: purple/  "bad key": x/' "$1"\n`);
    chmodSync(breaker, 0o755);
    const refused = await kubectl(["-n", NS, "edit", "cm", "alpha"], { env: { KUBE_EDITOR: breaker } });
    assert.notEqual(refused.code, 0);
    // kubectl names the failure and keeps the edited copy (the server's causes go in that file's header).
    assert.match(refused.stderr, /configmaps "alpha" is invalid/);
    assert.equal(((await getObj("cm", "alpha"))["data"] as Record<string, string>)["color"], "purple");
  });

  it("get -w sees ADDED, MODIFIED and DELETED, in order", async () => {
    const watch = startKubectl(server.kubeconfig, ["-n", NS, "get", "cm", "-l", "watch=me", "--watch", "--output-watch-events", "-o", "json"]);
    try {
      // Give the watch time to start before the first change.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await ok(["create", "-f", "-"], { input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: watched\n  namespace: ${NS}\n  labels: {watch: me}\ndata: {v: "1"}\n` });
      await inNS(["patch", "cm", "watched", "--type=merge", "-p", '{"data":{"v":"2"}}']);
      await inNS(["delete", "cm", "watched"]);
      const events = () => [...watch.stdout().matchAll(/"type":\s*"(ADDED|MODIFIED|DELETED)"/g)].map((m) => m[1]);
      await watch.waitFor(() => events().includes("DELETED"));
      assert.deepEqual(events(), ["ADDED", "MODIFIED", "DELETED"]);
    } finally {
      await watch.stop();
    }
  });

  it("delete with a finalizer marks the object; removing the finalizer removes it; wait --for=delete sees it go", async () => {
    await ok(["create", "-f", "-"], {
      input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  namespace: ${NS}\n  finalizers: [example.com/hold]\n`,
    });
    await inNS(["delete", "cm", "held", "--wait=false"]);
    const marked = await getObj("cm", "held");
    assert.ok(marked.metadata.deletionTimestamp, "deletionTimestamp is set");
    assert.deepEqual(marked.metadata.finalizers, ["example.com/hold"]);
    const waiting = kubectl(["-n", NS, "wait", "--for=delete", "cm/held", "--timeout=20s"]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await inNS(["patch", "cm", "held", "--type=json", "-p", '[{"op":"remove","path":"/metadata/finalizers"}]']);
    const waited = await waiting;
    assert.equal(waited.code, 0, waited.stderr);
    const gone = await kubectl(["-n", NS, "get", "cm", "held"]);
    assert.match(gone.stderr, /configmaps "held" not found/);
  });

  it("deployments: create, scale, set image, rollout history of generations; get all", async () => {
    // kubectl's generator sends the Deployment as protobuf.
    assert.match(await inNS(["create", "deployment", "web", "--image=nginx:1.25", "--replicas=2", "--port=80"]), /deployment.apps\/web created/);
    let deploy = await getObj("deploy", "web");
    const spec = () => deploy["spec"] as { replicas: number; strategy: { type: string }; revisionHistoryLimit: number; template: { spec: { containers: Container[] } } };
    assert.equal(spec().replicas, 2);
    assert.equal(spec().strategy.type, "RollingUpdate");
    assert.equal(spec().revisionHistoryLimit, 10);
    assert.equal((deploy.metadata as { generation?: number }).generation, 1);

    assert.match(await inNS(["scale", "deployment/web", "--replicas=5"]), /deployment.apps\/web scaled/);
    assert.equal((await inNS(["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"])).trim(), "5");
    const scale = JSON.parse(await ok(["get", "--raw", `/apis/apps/v1/namespaces/${NS}/deployments/web/scale`])) as { kind: string; spec: { replicas: number }; status: { selector: string } };
    assert.deepEqual([scale.kind, scale.spec.replicas, scale.status.selector], ["Scale", 5, "app=web"]);

    assert.match(await inNS(["set", "image", "deployment/web", "nginx=nginx:1.27"]), /deployment.apps\/web image updated/);
    deploy = await getObj("deploy", "web");
    assert.equal(spec().template.spec.containers[0]?.image, "nginx:1.27");
    assert.equal((deploy.metadata as { generation?: number }).generation, 3);

    const table = rows(await inNS(["get", "deploy", "web", "-o", "wide"]));
    assert.deepEqual(table[0], ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]);
    assert.deepEqual([table[1]?.[0], table[1]?.[1], table[1]?.[5], table[1]?.[6], table[1]?.[7]], ["web", "0/5", "nginx", "nginx:1.27", "app=web"]);
    // `get all` takes every resource in the category: the deployment and the pods are there.
    const all = await inNS(["get", "all", "-o", "name"]);
    assert.match(all, /deployment.apps\/web/);
    assert.match(all, /pod\/web/);
  });

  it("create --dry-run=server validates and stores nothing", async () => {
    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\n  namespace: ${NS}\ndata: {k: v}\n`;
    assert.match(await ok(["create", "--dry-run=server", "-f", "-", "-o", "name"], { input: manifest }), /configmap\/dry/);
    const gone = await kubectl(["-n", NS, "get", "cm", "dry"]);
    assert.match(gone.stderr, /configmaps "dry" not found/);
    // An existing name is still AlreadyExists in a dry run.
    const exists = await kubectl(["create", "--dry-run=server", "-f", "-"], { input: manifest.replace("name: dry", "name: alpha") });
    assert.match(exists.stderr, /configmaps "alpha" already exists/);
    // Dry-run deletes keep the object.
    await inNS(["delete", "cm", "alpha", "--dry-run=server"]);
    await inNS(["get", "cm", "alpha"]);
  });
});
