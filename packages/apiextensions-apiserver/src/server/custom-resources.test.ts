// The apiextensions server over HTTPS: a CRD becomes established and its
// custom resources are served with every rule of their schema, then the
// CRD is deleted with its objects.

import assert from "node:assert/strict";
import https from "node:https";
import { after, before, describe, it } from "node:test";
import { type TestPKI, createTestPKI, startTestServer, type TestServer } from "../testing/server.js";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const GROUP = "stable.example.com";
const V1 = `/apis/${GROUP}/v1`;
const CRONTABS = `${V1}/namespaces/default/crontabs`;

const specSchema = (extra: Record<string, unknown> = {}) => ({
  type: "object",
  properties: {
    cronSpec: { type: "string", pattern: "^(\\S+ ){4}\\S+$" },
    image: { type: "string", maxLength: 20 },
    replicas: { type: "integer", minimum: 0, maximum: 10, default: 1 },
    mode: { type: "string", enum: ["fast", "slow"], default: "slow" },
    tags: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
    ports: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      items: { type: "object", required: ["name"], properties: { name: { type: "string" }, port: { type: "integer" } } },
    },
    port: { "x-kubernetes-int-or-string": true },
    extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    ...extra,
  },
  "x-kubernetes-validations": [
    { rule: "self.replicas <= 5 || self.mode == 'fast'", message: "more than 5 replicas need mode fast" },
    { rule: "!has(oldSelf.cronSpec) || self.cronSpec == oldSelf.cronSpec", message: "cronSpec cannot change", fieldPath: ".cronSpec" },
  ],
});

const versionOf = (name: string, storage: boolean, extra: Record<string, unknown> = {}) => ({
  name,
  served: true,
  storage,
  schema: {
    openAPIV3Schema: {
      type: "object",
      description: "A job run on a schedule.",
      properties: {
        spec: specSchema(extra),
        status: { type: "object", properties: { replicas: { type: "integer" }, labelSelector: { type: "string" } } },
      },
    },
  },
  subresources: { status: {}, scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.labelSelector" } },
  additionalPrinterColumns: [
    { name: "Spec", type: "string", jsonPath: ".spec.cronSpec" },
    { name: "Replicas", type: "integer", format: "int32", jsonPath: ".spec.replicas", description: "Copies wanted." },
    { name: "Image", type: "string", jsonPath: ".spec.image", priority: 1 },
    { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
  ],
  selectableFields: [{ jsonPath: ".spec.mode" }],
});

const crontabCRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: `crontabs.${GROUP}` },
  spec: {
    group: GROUP,
    scope: "Namespaced",
    names: { plural: "crontabs", kind: "CronTab", shortNames: ["ct"], categories: ["all", "cron"] },
    // v2 knows one field more; both are served, None conversion.
    versions: [versionOf("v1", true), versionOf("v2", false, { note: { type: "string" } })],
  },
};

const crontab = (name: string, spec: Record<string, unknown>, apiVersion = `${GROUP}/v1`) => ({
  apiVersion,
  kind: "CronTab",
  metadata: { name },
  spec: { cronSpec: "* * * * */5", image: "my-image", ...spec },
});

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
type CRD = { metadata: Record<string, unknown>; status: { conditions: Condition[]; acceptedNames: Record<string, unknown> } };
type Obj = Record<string, any>;

async function establish(s: TestServer, name: string): Promise<CRD> {
  return s.eventually(async () => {
    const crd = (await s.request(`${CRDS}/${name}`)).json<CRD>();
    return crd.status.conditions.some((c) => c.type === "Established" && c.status === "True") ? crd : undefined;
  });
}

const causes = (body: Obj): string[] => (body.details?.causes ?? []).map((c: Obj) => `${c.field}: ${c.message}`);

describe("custom resources", () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer(await createTestPKI());
    const created = await s.request(CRDS, { method: "POST", body: crontabCRD });
    assert.equal(created.status, 201, created.text);
  });
  after(() => s.close());

  it("establishes the CRD with upstream's conditions, once its resource is served", async () => {
    const crd = await establish(s, `crontabs.${GROUP}`);
    const byType = Object.fromEntries(crd.status.conditions.map((c) => [c.type, c]));
    assert.deepEqual([byType.NamesAccepted?.status, byType.NamesAccepted?.reason, byType.NamesAccepted?.message], ["True", "NoConflicts", "no conflicts found"]);
    assert.deepEqual([byType.Established?.reason, byType.Established?.message], ["InitialNamesAccepted", "the initial names have been accepted"]);
    assert.deepEqual(crd.status.acceptedNames, { plural: "crontabs", singular: "crontab", shortNames: ["ct"], kind: "CronTab", listKind: "CronTabList", categories: ["all", "cron"] });
  });

  it("lists the resource in discovery and OpenAPI", async () => {
    const group = (await s.request(`/apis/${GROUP}`)).json<Obj>();
    assert.deepEqual(group.versions.map((v: Obj) => v.version), ["v2", "v1"]);
    assert.equal(group.preferredVersion.version, "v2");
    const resources = (await s.request(V1)).json<Obj>().resources as Obj[];
    const main = resources.find((r) => r.name === "crontabs");
    assert.deepEqual(main?.shortNames, ["ct"]);
    assert.deepEqual(main?.categories, ["all", "cron"]);
    assert.deepEqual(resources.map((r) => r.name).sort(), ["crontabs", "crontabs/scale", "crontabs/status"]);

    const v3 = (await s.request(`/openapi/v3/apis/${GROUP}/v1`)).json<Obj>();
    const schema = v3.components.schemas["com.example.stable.v1.CronTab"];
    assert.equal(schema.description, "A job run on a schedule.");
    assert.deepEqual(schema["x-kubernetes-group-version-kind"], [{ group: GROUP, version: "v1", kind: "CronTab" }]);
    assert.equal(schema.properties.spec.properties.replicas.default, 1);
    assert.ok(v3.components.schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"], "ObjectMeta is defined for the metadata reference");
    const patch = v3.paths[`/apis/${GROUP}/v1/namespaces/{namespace}/crontabs/{name}`].patch;
    assert.deepEqual(Object.keys(patch.requestBody.content).sort(), ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"]);
    const v2 = (await s.request("/openapi/v2")).json<Obj>();
    assert.ok(v2.definitions["com.example.stable.v2.CronTab"].properties.spec.properties.note);
  });

  it("prunes and reports unknown fields per fieldValidation, and fills in defaults", async () => {
    const strict = await s.request(`${CRONTABS}?fieldValidation=Strict`, { method: "POST", body: crontab("strict", { bogus: 1 }) });
    assert.equal(strict.status, 400);
    assert.equal(strict.json<Obj>().message, 'CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.bogus"');

    const warned = await s.request(`${CRONTABS}?fieldValidation=Warn`, { method: "POST", body: { ...crontab("warned", { bogus: 1, extra: { kept: true } }), status: { replicas: 3 } } });
    assert.equal(warned.status, 201, warned.text);
    assert.deepEqual(warned.warnings, ['unknown field "spec.bogus"']);
    const body = warned.json<Obj>();
    assert.deepEqual(body.spec, { cronSpec: "* * * * */5", image: "my-image", replicas: 1, mode: "slow", extra: { kept: true } });
    assert.equal(body.status, undefined, "create drops status (status subresource)");
    assert.equal(body.metadata.generation, 1);
  });

  it("validates every field against the schema, with its path", async () => {
    const bad = await s.request(CRONTABS, {
      method: "POST",
      body: crontab("bad", { cronSpec: "nope", image: "x".repeat(21), replicas: -1, mode: "medium", tags: ["a", "a"], ports: [{ name: "p" }, { name: "p" }], port: true }),
    });
    assert.equal(bad.status, 422, bad.text);
    const messages = causes(bad.json<Obj>());
    for (const expected of [
      'spec.cronSpec: Invalid value: "nope": spec.cronSpec in body should match \'^(\\S+ ){4}\\S+$\'',
      "spec.image: Too long: may not be more than 20 bytes",
      "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0",
      'spec.mode: Unsupported value: "medium": supported values: "fast", "slow"',
      'spec.tags[1]: Duplicate value: "a"',
      'spec.ports[1]: Duplicate value: {"name":"p"}',
    ]) {
      assert.ok(messages.includes(expected), `${expected}\n${messages.join("\n")}`);
    }
    assert.match(bad.json<Obj>().message, /^CronTab\.stable\.example\.com "bad" is invalid: /);
  });

  it("runs CEL rules, with oldSelf on updates", async () => {
    const denied = await s.request(CRONTABS, { method: "POST", body: crontab("many", { replicas: 8 }) });
    assert.equal(denied.status, 422);
    // Objects are not printed (upstream prints scalars only).
    assert.deepEqual(causes(denied.json<Obj>()), ["spec: Invalid value: more than 5 replicas need mode fast"]);

    const created = (await s.request(CRONTABS, { method: "POST", body: crontab("cel", {}) })).json<Obj>();
    const changed = await s.request(`${CRONTABS}/cel`, { method: "PUT", body: { ...created, spec: { ...created.spec, cronSpec: "0 0 * * *" } } });
    assert.equal(changed.status, 422, changed.text);
    assert.deepEqual(causes(changed.json<Obj>()), ["spec.cronSpec: Invalid value: cronSpec cannot change"]);
  });

  it("requires a resourceVersion on PUT, refuses strategic merge patch, and takes JSON and merge patches", async () => {
    const created = (await s.request(CRONTABS, { method: "POST", body: crontab("patchy", {}) })).json<Obj>();
    const { resourceVersion: _rv, ...meta } = created.metadata;
    const put = await s.request(`${CRONTABS}/patchy`, { method: "PUT", body: { ...created, metadata: meta } });
    assert.equal(put.status, 422);
    assert.equal(put.json<Obj>().message, 'crontabs.stable.example.com "patchy" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update');

    const smp = await s.request(`${CRONTABS}/patchy`, { method: "PATCH", headers: { "Content-Type": "application/strategic-merge-patch+json" }, body: { spec: { replicas: 2 } } });
    assert.equal(smp.status, 415);

    const merge = await s.request(`${CRONTABS}/patchy`, { method: "PATCH", headers: { "Content-Type": "application/merge-patch+json" }, body: { spec: { replicas: 2 } } });
    assert.equal(merge.json<Obj>().spec.replicas, 2);
    assert.equal(merge.json<Obj>().metadata.generation, 2);
    const json = await s.request(`${CRONTABS}/patchy`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json-patch+json" },
      body: [{ op: "replace", path: "/spec/replicas", value: 3 }],
    });
    assert.equal(json.json<Obj>().spec.replicas, 3);
  });

  it("keeps spec and status apart, and serves the scale subresource", async () => {
    const created = (await s.request(CRONTABS, { method: "POST", body: crontab("scaled", { replicas: 2 }) })).json<Obj>();
    const status = await s.request(`${CRONTABS}/scaled/status`, {
      method: "PUT",
      body: { ...created, spec: { ...created.spec, replicas: 9 }, status: { replicas: 2, labelSelector: "app=cron" } },
    });
    assert.equal(status.status, 200, status.text);
    assert.equal(status.json<Obj>().spec.replicas, 2, "/status ignores the spec");
    assert.equal(status.json<Obj>().metadata.generation, 1, "a status change does not bump generation");

    const main = await s.request(`${CRONTABS}/scaled`, { method: "PUT", body: { ...status.json<Obj>(), status: { replicas: 0 } } });
    assert.equal(main.json<Obj>().status.replicas, 2, "the main resource ignores status");

    const scale = (await s.request(`${CRONTABS}/scaled/scale`)).json<Obj>();
    assert.deepEqual([scale.apiVersion, scale.kind, scale.spec, scale.status], ["autoscaling/v1", "Scale", { replicas: 2 }, { replicas: 2, selector: "app=cron" }]);
    const scaled = await s.request(`${CRONTABS}/scaled/scale`, { method: "PUT", body: { ...scale, spec: { replicas: 4 } } });
    assert.equal(scaled.status, 200, scaled.text);
    assert.equal((await s.request(`${CRONTABS}/scaled`)).json<Obj>().spec.replicas, 4);
  });

  it("prints the CRD's columns in the Table", async () => {
    const table = (
      await s.request(`${CRONTABS}?fieldSelector=metadata.name=scaled`, { headers: { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" } })
    ).json<Obj>();
    assert.deepEqual(
      table.columnDefinitions.map((c: Obj) => [c.name, c.type, c.priority]),
      [["Name", "string", 0], ["Spec", "string", 0], ["Replicas", "integer", 0], ["Image", "string", 1], ["Age", "date", 0]],
    );
    assert.equal(table.columnDefinitions[2].description, "Copies wanted.");
    assert.equal(table.columnDefinitions[2].format, "int32");
    assert.equal(table.columnDefinitions[1].description, "Custom resource definition column (in JSONPath format): .spec.cronSpec");
    const cells = table.rows[0].cells;
    assert.deepEqual(cells.slice(0, 4), ["scaled", "* * * * */5", 4, "my-image"]);
    assert.match(cells[4], /^\d+s$/);
  });

  it("selects by the CRD's selectable fields", async () => {
    await s.request(CRONTABS, { method: "POST", body: crontab("fast-one", { mode: "fast" }) });
    const fast = (await s.request(`${CRONTABS}?fieldSelector=spec.mode%3Dfast`)).json<Obj>();
    assert.deepEqual(fast.items.map((i: Obj) => i.metadata.name), ["fast-one"]);
    const unknown = await s.request(`${CRONTABS}?fieldSelector=spec.image%3Dx`);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json<Obj>().message, "field label not supported: spec.image");
  });

  it("serves every version from the storage version, with apiVersion rewritten (conversion None)", async () => {
    const viaV2 = await s.request(`/apis/${GROUP}/v2/namespaces/default/crontabs`, {
      method: "POST",
      body: crontab("from-v2", { note: "hello" }, `${GROUP}/v2`),
    });
    assert.equal(viaV2.status, 201, viaV2.text);
    const stored = await s.storage.factory.storageFor(`/${GROUP}/crontabs`).get(`/${GROUP}/crontabs/default/from-v2`);
    assert.equal(stored.apiVersion, `${GROUP}/v1`);
    // v1 does not know `note`: reading through v1 prunes it; v2 still sees it.
    const asV1 = (await s.request(`${CRONTABS}/from-v2`)).json<Obj>();
    assert.equal(asV1.apiVersion, `${GROUP}/v1`);
    assert.equal(asV1.spec.note, undefined);
    const asV2 = (await s.request(`/apis/${GROUP}/v2/namespaces/default/crontabs/from-v2`)).json<Obj>();
    assert.deepEqual([asV2.apiVersion, asV2.spec.note], [`${GROUP}/v2`, "hello"]);
  });

  it("fills in defaults on update and patch too", async () => {
    const created = await s.request(CRONTABS, { method: "POST", body: crontab("redefaulted", { replicas: 3 }) });
    assert.equal(created.status, 201, created.text);
    const { metadata } = created.json<Obj>();
    const put = await s.request(`${CRONTABS}/redefaulted`, {
      method: "PUT",
      body: { ...crontab("redefaulted", {}), metadata: { name: "redefaulted", resourceVersion: metadata.resourceVersion } },
    });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json<Obj>().spec.replicas, 1);
    const patched = await s.request(`${CRONTABS}/redefaulted`, {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: { spec: { replicas: 4 } },
    });
    assert.equal(patched.json<Obj>().spec.replicas, 4);
    const removed = await s.request(`${CRONTABS}/redefaulted`, {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: { spec: { replicas: null } },
    });
    assert.equal(removed.status, 200, removed.text);
    assert.equal(removed.json<Obj>().spec.replicas, 1);
  });

  it("deletes a collection by label selector", async () => {
    for (const name of ["batch-a", "batch-b"]) {
      const created = await s.request(CRONTABS, { method: "POST", body: { ...crontab(name, {}), metadata: { name, labels: { batch: "yes" } } } });
      assert.equal(created.status, 201, created.text);
    }
    const deleted = await s.request(`${CRONTABS}?labelSelector=batch%3Dyes`, { method: "DELETE" });
    assert.equal(deleted.status, 200, deleted.text);
    assert.deepEqual((deleted.json<Obj>().items as Obj[]).map((i) => i.metadata.name).sort(), ["batch-a", "batch-b"]);
    assert.equal((await s.request(`${CRONTABS}?labelSelector=batch%3Dyes`)).json<Obj>().items.length, 0);
    assert.equal((await s.request(`${CRONTABS}/redefaulted`)).status, 200, "objects outside the selector stay");
  });

  it("applies defaults to objects read from storage", async () => {
    const storage = s.storage.factory.storageFor(`/${GROUP}/crontabs`);
    await storage.create(`/${GROUP}/crontabs/default/raw`, {
      apiVersion: `${GROUP}/v1`,
      kind: "CronTab",
      metadata: { name: "raw", namespace: "default", uid: "u-raw", creationTimestamp: "2024-01-01T00:00:00Z" },
      spec: { cronSpec: "* * * * *", unknown: true },
    });
    const read = (await s.request(`${CRONTABS}/raw`)).json<Obj>();
    assert.deepEqual(read.spec, { cronSpec: "* * * * *", replicas: 1, mode: "slow" });
  });

  it("refuses names another CRD of the group has", async () => {
    const clash = structuredClone(crontabCRD) as Obj;
    clash.metadata.name = `crontabs2.${GROUP}`;
    clash.spec.names = { plural: "crontabs2", kind: "CronTab", listKind: "OtherCronTabList", shortNames: ["ct2"] };
    assert.equal((await s.request(CRDS, { method: "POST", body: clash })).status, 201);
    const refused = await s.eventually(async () => {
      const crd = (await s.request(`${CRDS}/crontabs2.${GROUP}`)).json<CRD>();
      return crd.status.conditions.find((c) => c.type === "NamesAccepted" && c.status === "False");
    });
    assert.deepEqual([refused.reason, refused.message], ["KindConflict", '"CronTab" is already in use']);
    const crd = (await s.request(`${CRDS}/crontabs2.${GROUP}`)).json<CRD>();
    const established = crd.status.conditions.find((c) => c.type === "Established");
    assert.deepEqual([established?.status, established?.reason], ["False", "NotAccepted"]);
    assert.equal((await s.request(`${V1}/namespaces/default/crontabs2`)).status, 404, "not served");
  });

  it("records whether a CRD in a protected group is approved", async () => {
    const approved = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "things.tests.k8s.io", annotations: { "api-approved.kubernetes.io": "unapproved, testing only" } },
      spec: { group: "tests.k8s.io", scope: "Cluster", names: { plural: "things", kind: "Thing" }, versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }] },
    };
    assert.equal((await s.request(CRDS, { method: "POST", body: approved })).status, 201);
    const condition = await s.eventually(async () =>
      (await s.request(`${CRDS}/things.tests.k8s.io`)).json<CRD>().status.conditions.find((c) => c.type === "KubernetesAPIApprovalPolicyConformant"),
    );
    assert.deepEqual([condition.status, condition.reason, condition.message], ["False", "UnapprovedAnnotation", 'not approved: "unapproved, testing only"']);
  });

  it("warns about deprecated versions", async () => {
    const version = (name: string, deprecated: boolean, storage: boolean) => ({
      name, served: true, storage, ...(deprecated ? { deprecated: true } : {}), schema: { openAPIV3Schema: { type: "object" } },
    });
    const olds = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: `olds.${GROUP}` },
      spec: { group: GROUP, scope: "Cluster", names: { plural: "olds", kind: "Old" }, versions: [version("v1beta1", true, false), version("v1", false, true)] },
    };
    assert.equal((await s.request(CRDS, { method: "POST", body: olds })).status, 201);
    await establish(s, `olds.${GROUP}`);
    const listed = await s.request(`/apis/${GROUP}/v1beta1/olds`);
    assert.deepEqual(listed.warnings, [`${GROUP}/v1beta1 Old is deprecated; use ${GROUP}/v1 Old`]);
    assert.deepEqual((await s.request(`/apis/${GROUP}/v1/olds`)).warnings, []);
  });

  it("serves only the versions marked served, in discovery and OpenAPI too", async () => {
    const version = (name: string, served: boolean, storage: boolean) => ({ name, served, storage, schema: { openAPIV3Schema: { type: "object" } } });
    const name = `halves.${GROUP}`;
    const halves = (served: boolean) => ({
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name },
      spec: { group: GROUP, scope: "Cluster", names: { plural: "halves", kind: "Half" }, versions: [version("v1", true, true), version("v1alpha1", served, false)] },
    });
    const versionsOfGroup = async () => ((await s.request(`/apis/${GROUP}`)).json<Obj>().versions as Obj[]).map((v) => v.version);
    const definitions = async () => Object.keys((await s.request("/openapi/v2")).json<Obj>().definitions);
    const alphaServed = async (served: boolean) =>
      (await s.request(`/apis/${GROUP}/v1alpha1/halves`)).status === (served ? 200 : 404) &&
      (await versionsOfGroup()).includes("v1alpha1") === served &&
      (await definitions()).includes("com.example.stable.v1alpha1.Half") === served
        ? true
        : undefined;

    assert.equal((await s.request(CRDS, { method: "POST", body: halves(false) })).status, 201);
    await establish(s, name);
    assert.equal((await s.request(`${V1}/halves`)).status, 200);
    await s.eventually(() => alphaServed(false));
    assert.ok((await definitions()).includes("com.example.stable.v1.Half"));

    // Serving a version, then no longer serving it, adds it and takes it away again, documents included.
    const patch = (served: boolean) =>
      s.request(`${CRDS}/${name}`, { method: "PATCH", headers: { "Content-Type": "application/merge-patch+json" }, body: { spec: halves(served).spec } });
    assert.equal((await patch(true)).status, 200);
    await s.eventually(() => alphaServed(true));
    assert.equal((await patch(false)).status, 200);
    await s.eventually(() => alphaServed(false));
  });

  it("deletes every object before the CRD, refusing new ones meanwhile", async () => {
    // An object with a finalizer of its own holds the cleanup back.
    const held = await s.request(CRONTABS, { method: "POST", body: { ...crontab("held", {}), metadata: { name: "held", finalizers: ["example.com/hold"] } } });
    assert.equal(held.status, 201, held.text);
    const deleted = await s.request(`${CRDS}/crontabs.${GROUP}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.json<Obj>().metadata.finalizers, ["customresourcecleanup.apiextensions.k8s.io"]);

    await s.eventually(async () => {
      const list = (await s.request(CRONTABS)).json<Obj>();
      return list.items.length === 1 ? true : undefined;
    });
    const refused = await s.request(CRONTABS, { method: "POST", body: crontab("late", {}) });
    assert.equal(refused.status, 405);
    assert.equal(refused.json<Obj>().message, "create not allowed while custom resource definition is terminating");
    const verbs = ((await s.request(V1)).json<Obj>().resources as Obj[]).find((r) => r.name === "crontabs")?.verbs;
    assert.deepEqual(verbs, ["delete", "deletecollection", "get", "list", "watch"]);
    const terminating = (await s.request(`${CRDS}/crontabs.${GROUP}`)).json<CRD>().status.conditions.find((c) => c.type === "Terminating");
    assert.equal(terminating?.status, "True");

    // Its controller lets go: the object goes, then the CRD.
    const released = await s.request(`${CRONTABS}/held`, { method: "PATCH", headers: { "Content-Type": "application/merge-patch+json" }, body: { metadata: { finalizers: null } } });
    assert.equal(released.status, 200, released.text);
    await s.eventually(async () => ((await s.request(`${CRDS}/crontabs.${GROUP}`)).status === 404 ? true : undefined));
    await s.eventually(async () => ((await s.request(CRONTABS)).status === 404 ? true : undefined));
    // Its names are free again: the CRD that asked for them before gets them now, and is served.
    const accepted = await establish(s, `crontabs2.${GROUP}`);
    assert.equal(accepted.status.acceptedNames.kind, "CronTab");
    assert.equal((await s.request(`${V1}/namespaces/default/crontabs2`)).status, 200);
  });
});

/** A watch over HTTPS as the admin: its events as they come, and whether the server ended it. */
function openWatch(s: TestServer, pki: TestPKI, path: string) {
  const events: Obj[] = [];
  let buffered = "";
  let wake = () => {};
  let ended = false;
  const req = https.get(
    { host: "127.0.0.1", port: s.server.port, path, ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key, agent: false },
    (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffered += chunk;
        for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
          events.push(JSON.parse(buffered.slice(0, nl)) as Obj);
          buffered = buffered.slice(nl + 1);
        }
        wake();
      });
      res.on("end", () => {
        ended = true;
        wake();
      });
    },
  );
  const until = async (what: string, done: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`watch ${path}: ${what} did not happen`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  };
  return {
    events,
    nextEvent: async (index: number) => {
      await until(`event ${index}`, () => events.length > index || ended);
      return events[index];
    },
    ended: () => until("the end", () => ended),
    isEnded: () => ended,
    close: () => req.destroy(),
  };
}

describe("watches across a change of the CRD", () => {
  const group = "watch.example.com";
  const widgets = `/apis/${group}/v1/namespaces/default/widgets`;
  const widgetCRD = (properties: Record<string, unknown>) => ({
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: "Namespaced",
      names: { plural: "widgets", kind: "Widget" },
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties } } } } }],
    },
  });
  let pki: TestPKI;
  let s: TestServer;
  before(async () => {
    pki = await createTestPKI();
    s = await startTestServer(pki);
    assert.equal((await s.request(CRDS, { method: "POST", body: widgetCRD({ size: { type: "integer" } }) })).status, 201);
    await establish(s, `widgets.${group}`);
    const created = await s.request(widgets, { method: "POST", body: { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "w1" }, spec: { size: 1 } } });
    assert.equal(created.status, 201, created.text);
  });
  after(() => s.close());

  it("ends watches opened before a schema change; watching again serves objects by the new schema", async () => {
    const before = openWatch(s, pki, `${widgets}?watch=true`);
    try {
      const added = await before.nextEvent(0);
      assert.deepEqual([added?.type, added?.object.spec], ["ADDED", { size: 1 }]);

      // A new field with a default: objects read from now on show it.
      const crd = (await s.request(`${CRDS}/widgets.${group}`)).json<Obj>();
      const updated = await s.request(`${CRDS}/widgets.${group}`, {
        method: "PUT",
        body: { ...widgetCRD({ size: { type: "integer" }, shape: { type: "string", default: "round" } }), metadata: crd.metadata },
      });
      assert.equal(updated.status, 200, updated.text);
      await before.ended();
      assert.equal(before.events.length, 1);
    } finally {
      before.close();
    }

    const again = openWatch(s, pki, `${widgets}?watch=true`);
    try {
      const added = await again.nextEvent(0);
      assert.deepEqual([added?.type, added?.object.spec], ["ADDED", { size: 1, shape: "round" }]);
    } finally {
      again.close();
    }
  });

  it("keeps watches open across changes that are not the definition's", async () => {
    const open = openWatch(s, pki, `${widgets}?watch=true`);
    try {
      await open.nextEvent(0);
      // Labels on the CRD change neither spec nor accepted names.
      const labelled = await s.request(`${CRDS}/widgets.${group}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/merge-patch+json" },
        body: { metadata: { labels: { team: "a" } } },
      });
      assert.equal(labelled.status, 200, labelled.text);
      // The watch still delivers what happens next.
      const created = await s.request(widgets, { method: "POST", body: { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "w2" }, spec: { size: 2 } } });
      assert.equal(created.status, 201, created.text);
      const next = await open.nextEvent(1);
      assert.deepEqual([next?.type, next?.object.metadata.name], ["ADDED", "w2"]);
      assert.equal(open.isEnded(), false);
    } finally {
      open.close();
    }
  });
});
