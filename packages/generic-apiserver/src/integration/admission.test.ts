// Admission over HTTPS: where the mutating and validating plugins run for
// each verb, what they are told, and what the client gets when one refuses.

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import type { Attributes } from "../admission/attributes.js";
import { newAdmissionForbidden } from "../admission/errors.js";
import type { MutatingAdmissionPlugin, ValidatingAdmissionPlugin } from "../admission/interfaces.js";
import type { Widget } from "./example-group.js";
import { type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import { type List, expectCode, expectStatus, widget, widgetsPath } from "./objects.js";

const T = { timeout: 20_000 };

interface Call {
  phase: "admit" | "validate";
  operation: string;
  kind: string;
  subresource: string;
  namespace: string;
  name: string;
  dryRun: boolean;
  options: string;
  user: string | undefined;
  /** What the plugin saw, copied. */
  object: KubeObject | undefined;
  oldObject: KubeObject | undefined;
}

const calls: Call[] = [];
function record(phase: Call["phase"], a: Attributes): void {
  calls.push({
    phase,
    operation: a.operation,
    kind: `${a.kind.group}/${a.kind.version}/${a.kind.kind}`,
    subresource: a.subresource,
    namespace: a.namespace,
    name: a.name,
    dryRun: a.dryRun,
    options: a.options.kind,
    user: a.user?.name,
    object: a.object && structuredClone(a.object),
    oldObject: a.oldObject && structuredClone(a.oldObject),
  });
}

const labelsOf = (obj: KubeObject | undefined) => obj?.metadata?.labels ?? {};

/** Runs before the next PUT or PATCH is admitted, once (to race it). */
let beforeNextUpdate: (() => Promise<void>) | undefined;

/** Mutating: labels what it admits with the operation; `break=true` makes the object invalid. */
const labeler: MutatingAdmissionPlugin = {
  name: "Labeler",
  handles: (op) => op === "CREATE" || op === "UPDATE",
  async admit(a) {
    record("admit", a);
    if (a.operation === "UPDATE" && beforeNextUpdate) {
      const race = beforeNextUpdate;
      beforeNextUpdate = undefined;
      await race();
    }
    const obj = a.object;
    if (!obj || a.kind.kind !== "Widget") return;
    obj.metadata = { ...obj.metadata, labels: { ...obj.metadata?.labels, admitted: a.operation } };
    if (labelsOf(obj)["break"] === "true") (obj as Widget).spec = { ...(obj as Widget).spec, replicas: -1 };
  },
};

/** Validating: refuses `deny=true` objects, and deleting `protected=true` ones. */
const guard: ValidatingAdmissionPlugin & MutatingAdmissionPlugin = {
  name: "Guard",
  handles: () => true,
  admit(a) {
    if (a.operation === "DELETE") record("admit", a);
  },
  validate(a) {
    record("validate", a);
    if (labelsOf(a.object)["deny"] === "true") throw newAdmissionForbidden(a, "denied by the guard");
    if (a.operation === "DELETE" && labelsOf(a.oldObject)["protected"] === "true") {
      throw newAdmissionForbidden(a, "this widget is protected");
    }
  },
};

let s: IntegrationServer;
before(async () => {
  s = await startIntegrationServer(await createPKI(), { admission: [labeler, guard] });
});
after(() => s.close());
beforeEach(() => {
  calls.length = 0;
});

const create = (ns: string, w: Widget, query = "") => s.request(widgetsPath(ns) + query, { method: "POST", body: w });
const patch = (path: string, body: unknown) =>
  s.request(path, { method: "PATCH", headers: { "Content-Type": "application/merge-patch+json" }, body: JSON.stringify(body) });

describe("admission", () => {
  it("create: mutating plugins change the decoded object; validating ones see the prepared object", T, async () => {
    const res = await create("adm", widget("w1"));
    expectCode(res, 201);
    const w1 = res.json<Widget>();
    assert.equal(w1.metadata.labels?.["admitted"], "CREATE", "the mutation is stored");

    assert.deepEqual(
      calls.map((c) => `${c.phase} ${c.operation} ${c.kind} ${c.namespace}/${c.name} ${c.options} ${c.user}`),
      ["admit CREATE example.tskube.dev/v1/Widget adm/w1 CreateOptions admin", "validate CREATE example.tskube.dev/v1/Widget adm/w1 CreateOptions admin"],
    );
    const [admitted, validated] = calls;
    assert.equal(admitted?.object?.metadata.uid, undefined, "mutating runs before the registry prepares the object");
    assert.equal(admitted?.object?.metadata.namespace, "adm");
    assert.equal((admitted?.object as Widget).spec?.replicas, 1, "after defaulting");
    assert.equal(validated?.object?.metadata.uid, w1.metadata.uid, "validating runs on the object about to be stored");
    assert.equal(validated?.object?.metadata.labels?.["admitted"], "CREATE");
  });

  it("a refusal is the plugin's Status, and nothing is stored", T, async () => {
    const res = await create("adm", widget("denied", { metadata: { labels: { deny: "true" } } }));
    const status = expectStatus(res, 403, "Forbidden");
    assert.equal(status.message, 'widgets.example.tskube.dev "denied" is forbidden: denied by the guard');
    assert.deepEqual(status.details, { name: "denied", group: "example.tskube.dev", kind: "widgets" });
    expectStatus(await s.request(widgetsPath("adm", "denied")), 404, "NotFound");
  });

  it("a refused generateName create is named by its prefix", T, async () => {
    const res = await create("adm", widget("", { metadata: { generateName: "gen-", labels: { deny: "true" } } }));
    const status = expectStatus(res, 403, "Forbidden");
    // Validation runs after the name is generated, so the message names the object.
    assert.match(status.message ?? "", /^widgets\.example\.tskube\.dev "gen-[a-z0-9]{5}" is forbidden: denied by the guard$/);
  });

  it("mutating runs before the registry's validation", T, async () => {
    const res = await create("adm", widget("broken", { metadata: { labels: { break: "true" } } }));
    const status = expectStatus(res, 422, "Invalid");
    assert.match(status.message ?? "", /spec\.replicas: Invalid value: -1/);
    assert.deepEqual(
      calls.map((c) => c.phase),
      ["admit"],
      "validating plugins do not run once the registry refused",
    );
  });

  it("dryRun=All runs admission and stores nothing", T, async () => {
    const res = await create("adm", widget("dry"), "?dryRun=All");
    expectCode(res, 201);
    assert.equal(res.json<Widget>().metadata.labels?.["admitted"], "CREATE");
    assert.deepEqual(
      calls.map((c) => `${c.phase} ${c.dryRun}`),
      ["admit true", "validate true"],
    );
    expectStatus(await create("adm", widget("dry-denied", { metadata: { labels: { deny: "true" } } }), "?dryRun=All"), 403, "Forbidden");
    expectStatus(await s.request(widgetsPath("adm", "dry")), 404, "NotFound");
  });

  it("update: UPDATE with the stored object as oldObject; a refusal leaves the object as it was", T, async () => {
    const w = (await create("adm", widget("upd"))).json<Widget>();
    calls.length = 0;
    const res = await s.request(widgetsPath("adm", "upd"), { method: "PUT", body: { ...w, spec: { replicas: 2 } } });
    expectCode(res, 200);
    assert.equal(res.json<Widget>().metadata.labels?.["admitted"], "UPDATE");
    assert.deepEqual(
      calls.map((c) => `${c.phase} ${c.operation} ${c.name} ${c.options}`),
      ["admit UPDATE upd UpdateOptions", "validate UPDATE upd UpdateOptions"],
    );
    assert.equal((calls[0]?.oldObject as Widget).spec?.replicas, 1);
    assert.equal((calls[1]?.object as Widget).spec?.replicas, 2);

    const denied = await patch(widgetsPath("adm", "upd"), { metadata: { labels: { deny: "true" } }, spec: { replicas: 5 } });
    expectStatus(denied, 403, "Forbidden");
    const stored = (await s.request(widgetsPath("adm", "upd"))).json<Widget>();
    assert.equal(stored.spec?.replicas, 2);
    assert.equal(stored.metadata.labels?.["deny"], undefined);
  });

  it("update and patch are admitted again when the registry retries after a conflict", T, async () => {
    await create("adm", widget("race"));
    calls.length = 0;
    // While the patch is being admitted, another client changes the object.
    beforeNextUpdate = async () => {
      const current = (await s.request(widgetsPath("adm", "race"))).json<Widget>();
      const res = await s.request(widgetsPath("adm", "race"), {
        method: "PUT",
        body: { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, other: "writer" } } },
      });
      expectCode(res, 200);
    };
    const res = await patch(widgetsPath("adm", "race"), { spec: { replicas: 4 } });
    expectCode(res, 200);
    const patched = res.json<Widget>();
    assert.equal(patched.spec?.replicas, 4);
    assert.equal(patched.metadata.labels?.["other"], "writer", "the patch applied to the newer object");

    const patchAdmits = calls.filter((c) => c.phase === "admit" && (c.object as Widget | undefined)?.spec?.replicas === 4);
    assert.equal(patchAdmits.length, 2, "admitted once per try");
    assert.equal(patchAdmits[0]?.oldObject?.metadata.labels?.["other"], undefined);
    assert.equal(patchAdmits[1]?.oldObject?.metadata.labels?.["other"], "writer", "the retry sees the newer stored object");
  });

  it("delete: both phases see the stored object; a refusal keeps it", T, async () => {
    await create("adm", widget("keep", { metadata: { labels: { protected: "true" } } }));
    calls.length = 0;
    const res = await s.request(widgetsPath("adm", "keep"), { method: "DELETE" });
    const status = expectStatus(res, 403, "Forbidden");
    assert.equal(status.message, 'widgets.example.tskube.dev "keep" is forbidden: this widget is protected');
    // (Storage may check a cached copy first and the fresh object after a refusal: twice is fine.)
    assert.deepEqual(
      [...new Set(calls.map((c) => `${c.phase} ${c.operation} ${c.name} ${c.options} ${c.oldObject?.metadata.name} ${c.object === undefined}`))],
      ["admit DELETE keep DeleteOptions keep true", "validate DELETE keep DeleteOptions keep true"],
    );
    expectCode(await s.request(widgetsPath("adm", "keep")), 200);

    await create("adm", widget("go"));
    expectCode(await s.request(widgetsPath("adm", "go") + "?dryRun=All", { method: "DELETE" }), 200);
    expectCode(await s.request(widgetsPath("adm", "go")), 200);
    assert.ok(calls.some((c) => c.operation === "DELETE" && c.dryRun && c.name === "go"), "a dry-run delete is admitted");
    expectCode(await s.request(widgetsPath("adm", "go"), { method: "DELETE" }), 200);
    expectStatus(await s.request(widgetsPath("adm", "go")), 404, "NotFound");
  });

  it("deletecollection: each object is admitted without a name", T, async () => {
    await create("adm-coll", widget("a"));
    await create("adm-coll", widget("b"));
    calls.length = 0;
    const res = await s.request(widgetsPath("adm-coll"), { method: "DELETE" });
    expectCode(res, 200);
    assert.deepEqual(
      calls
        .filter((c) => c.phase === "validate")
        .map((c) => `${c.operation} ${c.namespace} "${c.name}" ${c.oldObject?.metadata.name}`)
        .sort(),
      ['DELETE adm-coll "" a', 'DELETE adm-coll "" b'],
    );
    assert.deepEqual(res.json<List>().items.length, 2);
  });

  it("subresources are admitted with their name and kind", T, async () => {
    const w = (await create("adm", widget("sub"))).json<Widget>();
    calls.length = 0;
    expectCode(await s.request(widgetsPath("adm", "sub", "status"), { method: "PUT", body: { ...w, status: { replicas: 1 } } }), 200);
    assert.deepEqual(
      calls.map((c) => `${c.phase} ${c.operation} ${c.subresource} ${c.kind}`),
      ["admit UPDATE status example.tskube.dev/v1/Widget", "validate UPDATE status example.tskube.dev/v1/Widget"],
    );

    calls.length = 0;
    expectCode(await patch(widgetsPath("adm", "sub", "scale"), { spec: { replicas: 3 } }), 200);
    assert.deepEqual(
      calls.map((c) => `${c.phase} ${c.operation} ${c.subresource} ${c.kind} ${c.object?.kind} ${c.oldObject?.kind}`),
      ["admit UPDATE scale autoscaling/v1/Scale Scale Scale", "validate UPDATE scale autoscaling/v1/Scale Scale Scale"],
    );
    assert.deepEqual((calls[1]?.object as { spec?: unknown }).spec, { replicas: 3 });

    const deniedScale = await patch(widgetsPath("adm", "sub", "scale"), { metadata: { labels: { deny: "true" } }, spec: { replicas: 9 } });
    assert.equal(deniedScale.status, 200, "a Scale carries no labels, so the guard has nothing to refuse");
  });
});
