// CustomResourceDefinitions on the built binary, driven by kubectl and by
// @kubernetes/client-node: a CRD with two versions (conversion None), a
// schema with defaults, pruning, CEL rules (a transition rule among them),
// status and scale subresources, printer columns, categories, short names
// and a selectable field; strict field validation; a second CRD whose
// names conflict; a CRD converted by a webhook the test serves on loopback,
// reached through a Service; and deleting a CRD with its objects.

import assert from "node:assert/strict";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { CustomObjectsApi, KubeConfig, PatchStrategy, Watch, makeInformer, setHeaderOptions } from "@kubernetes/client-node";
import { type APIGroupDiscoveryList, type APIResourceList, generateCA, generateServingCert } from "@tskube/generic-apiserver";
import { type RunningAPIServer, startAPIServer } from "./support/apiserver.js";
import { type Kubectl, kubectlFor } from "./support/kubectl.js";

const T = { timeout: 60_000 };
const GROUP = "stable.example.com";
const NS = "crd-e2e";

const CRONTAB_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.${GROUP}
spec:
  group: ${GROUP}
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames: [ct]
    categories: [all, cron]
  versions:
  - &v1
    name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            description: What to run and when.
            properties:
              cronSpec: {type: string, description: When to run, in cron syntax.}
              image: {type: string}
              replicas: {type: integer, minimum: 0, default: 1}
              mode: {type: string, enum: [fast, slow], default: slow}
            x-kubernetes-validations:
            - rule: self.replicas <= 5 || self.mode == 'fast'
              message: more than 5 replicas need mode fast
            - rule: "!has(oldSelf.image) || self.image == oldSelf.image"
              message: image is immutable
          status:
            type: object
            properties:
              replicas: {type: integer}
              selector: {type: string}
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, labelSelectorPath: .status.selector}
    additionalPrinterColumns:
    - {name: Schedule, type: string, jsonPath: .spec.cronSpec}
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    - {name: Mode, type: string, jsonPath: .spec.mode, priority: 1}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    selectableFields:
    - jsonPath: .spec.mode
  - <<: *v1
    name: v2
    storage: false
`;

const crontab = (name: string, spec: string, apiVersion = `${GROUP}/v1`) => `
apiVersion: ${apiVersion}
kind: CronTab
metadata: {name: ${name}, namespace: ${NS}}
spec: ${spec}
`;

const DISCOVERY_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

describe("CustomResourceDefinitions on the binary", () => {
  let server: RunningAPIServer;
  let kubectl: Kubectl;
  let kc: KubeConfig;

  const ok = async (args: string[], input?: string): Promise<string> => {
    const r = await kubectl(args, input !== undefined ? { input } : {});
    assert.equal(r.code, 0, `kubectl ${args.join(" ")}\n${r.stderr}`);
    return r.stdout;
  };
  const fails = async (args: string[], input?: string): Promise<string> => {
    const r = await kubectl(args, input !== undefined ? { input } : {});
    assert.notEqual(r.code, 0, `kubectl ${args.join(" ")} succeeded:\n${r.stdout}`);
    return r.stderr;
  };

  before(async () => {
    server = await startAPIServer();
    kubectl = kubectlFor(server.kubeconfig);
    kc = new KubeConfig();
    kc.loadFromFile(server.kubeconfig);
    await ok(["create", "namespace", NS]);
    await ok(["apply", "-f", "-"], CRONTAB_CRD);
    await ok(["wait", "--for", "condition=established", `crd/crontabs.${GROUP}`, "--timeout=30s"]);
  });
  after(() => server?.cleanup());

  it("lists the resource with its short name and categories, and explains its schema", T, async () => {
    const resources = await ok(["api-resources", `--api-group=${GROUP}`]);
    assert.match(resources, /crontabs\s+ct\s+stable\.example\.com\/v2\s+true\s+CronTab/);
    const explain = await ok(["explain", "crontab.spec"]);
    assert.match(explain, /What to run and when\./);
    assert.match(explain, /cronSpec\s+<string>/);
    assert.match(await ok(["explain", "crd.spec.versions.schema.openAPIV3Schema.properties"]), /FIELD: properties <map\[string\]JSONSchemaProps>/);
  });

  it("is in aggregated discovery (v2) with what kubectl reads from it", T, async () => {
    const opts: https.RequestOptions = { host: "127.0.0.1", port: server.port, path: "/apis", headers: { Accept: DISCOVERY_V2 } };
    await kc.applyToHTTPSOptions(opts);
    const { status, contentType, body } = await new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
      const req = https.get(opts, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"]), body: text }));
      });
      req.on("error", reject);
    });
    assert.equal(status, 200);
    assert.equal(contentType, DISCOVERY_V2);
    const list = JSON.parse(body) as APIGroupDiscoveryList;
    assert.equal(list.kind, "APIGroupDiscoveryList");
    const group = list.items.find((g) => g.metadata.name === GROUP);
    assert.ok(group, `${GROUP} in /apis`);
    // Versions newest first, by Kubernetes version order, as upstream sorts them. Unlike built-in
    // resources, upstream names a custom resource's group and version in responseKind.
    assert.deepEqual(group.versions.map((v) => [v.version, v.freshness]), [["v2", "Current"], ["v1", "Current"]]);
    for (const version of group.versions) {
      const [resource, ...others] = version.resources;
      assert.equal(others.length, 0);
      assert.deepEqual(
        { ...resource, verbs: [...(resource?.verbs ?? [])].sort(), subresources: undefined },
        {
          resource: "crontabs",
          responseKind: { group: GROUP, version: version.version, kind: "CronTab" },
          scope: "Namespaced",
          singularResource: "crontab",
          verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
          shortNames: ["ct"],
          categories: ["all", "cron"],
          subresources: undefined,
        },
      );
      assert.deepEqual(
        resource?.subresources?.map((sub) => ({ ...sub, verbs: [...sub.verbs].sort() })),
        [
          { subresource: "status", responseKind: { group: GROUP, version: version.version, kind: "CronTab" }, verbs: ["get", "patch", "update"] },
          { subresource: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] },
        ],
      );
    }
  });

  it("is in the resource list of /apis/<group>/<version>, naming a group and version only for Scale", T, async () => {
    const list = JSON.parse(await ok(["get", "--raw", `/apis/${GROUP}/v1`])) as APIResourceList;
    assert.equal(list.groupVersion, `${GROUP}/v1`);
    assert.deepEqual(
      list.resources.map(({ name, kind, group, version }) => ({ name, kind, group, version })),
      [
        { name: "crontabs", kind: "CronTab", group: undefined, version: undefined },
        { name: "crontabs/scale", kind: "Scale", group: "autoscaling", version: "v1" },
        { name: "crontabs/status", kind: "CronTab", group: undefined, version: undefined },
      ],
    );
  });

  it("creates objects with defaults, prints the columns, finds them by short name and category", T, async () => {
    await ok(["apply", "-f", "-"], crontab("nightly", "{cronSpec: '0 0 * * *', image: app:1}"));
    const json = JSON.parse(await ok(["get", "ct", "nightly", "-n", NS, "-o", "json"])) as { spec: Record<string, unknown> };
    assert.deepEqual(json.spec, { cronSpec: "0 0 * * *", image: "app:1", replicas: 1, mode: "slow" });
    const table = await ok(["get", "crontabs", "-n", NS]);
    assert.match(table, /^NAME\s+SCHEDULE\s+REPLICAS\s+AGE\n/);
    assert.match(table, /nightly\s+0 0 \* \* \*\s+1\s+\d+s/);
    assert.match(await ok(["get", "ct", "-n", NS, "-o", "wide"]), /MODE[\s\S]*slow/);
    assert.match(await ok(["get", "cron", "-n", NS]), /^nightly\s/m);
    assert.match(await ok(["get", "all", "-n", NS]), /crontab\.stable\.example\.com\/nightly/);
  });

  it("rejects unknown fields (kubectl's default Strict), and only warns with --validate=warn", T, async () => {
    const strict = await fails(["apply", "-f", "-"], crontab("strict", "{cronSpec: x, bogus: 1}"));
    assert.match(strict, /strict decoding error: unknown field "spec\.bogus"/);
    const r = await kubectl(["create", "--validate=warn", "-f", "-"], { input: crontab("warned", "{cronSpec: x, bogus: 1}") });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Warning: unknown field "spec\.bogus"/);
  });

  it("enforces the CEL rules, the transition rule on updates", T, async () => {
    const many = await fails(["apply", "-f", "-"], crontab("many", "{cronSpec: x, replicas: 8}"));
    assert.match(many, /spec: Invalid value: more than 5 replicas need mode fast/);
    const changed = await fails(["apply", "-f", "-"], crontab("nightly", "{cronSpec: '0 0 * * *', image: app:2}"));
    assert.match(changed, /image is immutable/);
  });

  it("scales, and updates status through the status subresource", T, async () => {
    assert.match(await ok(["scale", "ct/nightly", "-n", NS, "--replicas=3"]), /crontab\.stable\.example\.com\/nightly scaled/);
    await ok(["patch", "ct", "nightly", "-n", NS, "--subresource=status", "--type=merge", "-p", '{"status":{"replicas":3,"selector":"app=nightly"}}']);
    const obj = JSON.parse(await ok(["get", "ct", "nightly", "-n", NS, "-o", "json"])) as { spec: { replicas: number }; status: { replicas: number } };
    assert.equal(obj.spec.replicas, 3);
    assert.equal(obj.status.replicas, 3);
    const scale = JSON.parse(await ok(["get", "--raw", `/apis/${GROUP}/v1/namespaces/${NS}/crontabs/nightly/scale`])) as { status: { selector: string } };
    assert.equal(scale.status.selector, "app=nightly");
  });

  it("serves both versions from one storage (conversion None), and selects by the selectable field", T, async () => {
    assert.equal(await ok(["get", `crontabs.v1.${GROUP}`, "nightly", "-n", NS, "-o", "jsonpath={.apiVersion}"]), `${GROUP}/v1`);
    assert.equal(await ok(["get", `crontabs.v2.${GROUP}`, "nightly", "-n", NS, "-o", "jsonpath={.apiVersion}"]), `${GROUP}/v2`);
    await ok(["apply", "-f", "-"], crontab("fast", "{cronSpec: x, mode: fast}", `${GROUP}/v2`));
    assert.equal((await ok(["get", "ct", "-n", NS, "--field-selector", "spec.mode=fast", "-o", "name"])).trim(), "crontab.stable.example.com/fast");
  });

  it("works with client-node's CustomObjectsApi, a watch and an informer", T, async () => {
    const api = kc.makeApiClient(CustomObjectsApi);
    const where = { group: GROUP, version: "v1", namespace: NS, plural: "crontabs" };
    const informer = makeInformer(kc, `/apis/${GROUP}/v1/namespaces/${NS}/crontabs`, () => api.listNamespacedCustomObject(where));
    const events: string[] = [];
    const gone = new Promise<void>((resolve) => {
      informer.on("add", (o: { metadata?: { name?: string } }) => events.push(`add ${o.metadata?.name ?? ""}`));
      informer.on("update", (o: { metadata?: { name?: string } }) => events.push(`update ${o.metadata?.name ?? ""}`));
      informer.on("delete", (o: { metadata?: { name?: string } }) => {
        if (o.metadata?.name === "from-node") resolve();
      });
    });
    await informer.start();
    const watched: string[] = [];
    const list = (await api.listNamespacedCustomObject(where)) as { metadata: { resourceVersion: string } };
    const watch = await new Watch(kc).watch(
      `/apis/${GROUP}/v1/namespaces/${NS}/crontabs`,
      { resourceVersion: list.metadata.resourceVersion },
      (type: string, obj: { metadata?: { name?: string } }) => watched.push(`${type} ${obj.metadata?.name ?? ""}`),
      () => {},
    );
    try {
      const created = (await api.createNamespacedCustomObject({
        ...where,
        body: { apiVersion: `${GROUP}/v1`, kind: "CronTab", metadata: { name: "from-node" }, spec: { cronSpec: "* * * * *" } },
      })) as { spec: { replicas: number }; metadata: { resourceVersion: string } };
      assert.equal(created.spec.replicas, 1);
      const got = (await api.getNamespacedCustomObject({ ...where, name: "from-node" })) as { spec: Record<string, unknown> };
      assert.equal(got.spec.mode, "slow");
      await api.patchNamespacedCustomObject({ ...where, name: "from-node", body: { spec: { replicas: 2 } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
      await api.deleteNamespacedCustomObject({ ...where, name: "from-node" });
      await gone;
      assert.deepEqual(events.filter((e) => e.endsWith("from-node")), ["add from-node", "update from-node"]);
      for (let i = 0; i < 100 && !watched.includes("DELETED from-node"); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(watched.filter((e) => e.endsWith("from-node")), ["ADDED from-node", "MODIFIED from-node", "DELETED from-node"]);
    } finally {
      watch.abort();
      await informer.stop();
    }
  });

  it("refuses a second CRD the names of the first", T, async () => {
    const clash = CRONTAB_CRD.replace(`name: crontabs.${GROUP}`, `name: crontabs2.${GROUP}`)
      .replace("plural: crontabs", "plural: crontabs2")
      .replace("singular: crontab", "singular: crontab2")
      .replace("shortNames: [ct]", "shortNames: [ct]\n    listKind: OtherCronTabList");
    await ok(["apply", "-f", "-"], clash);
    let condition = "";
    for (let i = 0; i < 100 && !condition.startsWith("False"); i++) {
      condition = await ok(["get", "crd", `crontabs2.${GROUP}`, "-o", 'jsonpath={.status.conditions[?(@.type=="NamesAccepted")].status} {.status.conditions[?(@.type=="NamesAccepted")].reason}']);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Kind and short name are both taken; upstream reports the last conflict found.
    assert.equal(condition, "False KindConflict");
    await ok(["delete", "crd", `crontabs2.${GROUP}`]);
  });

  it("converts through a webhook reached by a Service", T, async () => {
    const ca = await generateCA({ commonName: "webhook-ca" });
    const serving = await generateServingCert(ca, { hosts: [`converter.${NS}.svc`] });
    const webhook = https.createServer({ cert: serving.cert, key: serving.key }, (req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const review = JSON.parse(text) as { request: { uid: string; desiredAPIVersion: string; objects: Record<string, any>[] } };
        const { uid, desiredAPIVersion, objects } = review.request;
        // v1 spec.size (a number) <-> v2 spec.size (a string with a unit).
        const convertedObjects = objects.map((o) => {
          const size = o.spec?.size;
          const spec = desiredAPIVersion.endsWith("/v2") ? { size: `${String(size)}Gi` } : { size: Number.parseInt(String(size), 10) };
          return { ...o, apiVersion: desiredAPIVersion, spec };
        });
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ apiVersion: "apiextensions.k8s.io/v1", kind: "ConversionReview", response: { uid, result: { status: "Success" }, convertedObjects } }));
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
    const port = (webhook.address() as AddressInfo).port;
    try {
      // Endpoint addresses may not be loopback ones (as upstream); an ExternalName
      // Service names the host instead, as one does for a webhook outside the cluster.
      await ok(["apply", "-f", "-"], `
apiVersion: v1
kind: Service
metadata: {name: converter, namespace: ${NS}}
spec:
  type: ExternalName
  externalName: localhost
  ports: [{port: ${port}}]
`);
      const schema = (type: string) => `{openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: ${type}}}}}}}`;
      await ok(["apply", "-f", "-"], `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: volumes.convert.example.com}
spec:
  group: convert.example.com
  scope: Namespaced
  names: {plural: volumes, kind: Volume}
  versions:
  - {name: v1, served: true, storage: true, schema: ${schema("integer")}}
  - {name: v2, served: true, storage: false, schema: ${schema("string")}}
  conversion:
    strategy: Webhook
    webhook:
      conversionReviewVersions: [v1]
      clientConfig:
        service: {namespace: ${NS}, name: converter, path: /convert, port: ${port}}
        caBundle: ${Buffer.from(ca.cert).toString("base64")}
`);
      await ok(["wait", "--for", "condition=established", "crd/volumes.convert.example.com", "--timeout=30s"]);
      await ok(["apply", "-f", "-"], `
apiVersion: convert.example.com/v2
kind: Volume
metadata: {name: data, namespace: ${NS}}
spec: {size: 10Gi}
`);
      assert.equal(await ok(["get", "volumes.v1.convert.example.com", "data", "-n", NS, "-o", "jsonpath={.spec.size}"]), "10");
      assert.equal(await ok(["get", "volumes.v2.convert.example.com", "data", "-n", NS, "-o", "jsonpath={.spec.size}"]), "10Gi");
    } finally {
      await new Promise<void>((resolve) => webhook.close(() => resolve()));
    }
    // With the webhook gone, reading the other version is a clear 500, and the object stays whole.
    const down = await fails(["get", "volumes.v2.convert.example.com", "data", "-n", NS]);
    assert.match(down, /conversion webhook for convert\.example\.com\/v2, Kind=Volume failed/);
    assert.equal(await ok(["get", "volumes.v1.convert.example.com", "data", "-n", NS, "-o", "jsonpath={.spec.size}"]), "10");
  });

  it("deletes a CRD together with its objects, and drops it from discovery", T, async () => {
    assert.notEqual((await ok(["get", "crontabs", "-n", NS, "-o", "name"])).trim(), "", "there are objects to clean up");
    await ok(["delete", "crd", `crontabs.${GROUP}`, "--timeout=30s"]);
    assert.doesNotMatch(await ok(["api-resources"]), /crontabs/);
    const r = await kubectl(["get", "--raw", `/apis/${GROUP}/v1/namespaces/${NS}/crontabs`]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /NotFound|not found/);
    // The objects went with it: the same CRD created again starts empty.
    await ok(["apply", "-f", "-"], CRONTAB_CRD);
    await ok(["wait", "--for", "condition=established", `crd/crontabs.${GROUP}`, "--timeout=30s"]);
    assert.equal((await ok(["get", "crontabs", "-n", NS, "-o", "name"])).trim(), "");
  });
});
