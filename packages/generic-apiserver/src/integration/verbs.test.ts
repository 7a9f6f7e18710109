// Every verb, every patch type and both subresources of the example group
// over real HTTPS, as plain requests: the codes, the objects that come back,
// the Table form kubectl asks for, and the framing of a watch.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubeObject, Status } from "@tskube/apimachinery";
import type { Gadget, Widget } from "./example-group.js";
import { type IntegrationServer, type WatchLine, createPKI, startIntegrationServer } from "./harness.js";
import { type List, expectCode, expectStatus, gadget, gadgetsPath, namesOf, rvOf, widget, widgetsPath } from "./objects.js";

const T = { timeout: 20_000 };
const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

let s: IntegrationServer;
before(async () => {
  s = await startIntegrationServer(await createPKI());
});
after(() => s.close());

const patch = (path: string, contentType: string, body: unknown) =>
  s.request(path, { method: "PATCH", headers: { "Content-Type": contentType }, body: JSON.stringify(body) });

describe("verbs", () => {
  it("create, get, list, update, delete a namespaced object", T, async () => {
    const created = await s.request(widgetsPath("verbs"), {
      method: "POST",
      body: widget("w1", { metadata: { labels: { app: "one" } }, spec: { parts: [{ name: "axle" }] } }),
    });
    expectCode(created, 201);
    const w1 = created.json<Widget>();
    assert.equal(w1.metadata.namespace, "verbs", "the namespace comes from the URL");
    assert.equal(w1.metadata.generation, 1);
    assert.match(w1.metadata.uid ?? "", /^[0-9a-f-]{36}$/);
    assert.ok(w1.metadata.creationTimestamp, "a creationTimestamp");
    assert.deepEqual(w1.spec, { parts: [{ name: "axle" }], replicas: 1 }, "defaulted replicas");

    const got = await s.request(widgetsPath("verbs", "w1"));
    expectCode(got, 200);
    assert.deepEqual(got.json(), w1);

    const listed = await s.request(widgetsPath("verbs"));
    const list = listed.json<List<Widget>>();
    assert.equal(list.kind, "WidgetList");
    assert.equal(list.apiVersion, "example.tskube.dev/v1");
    assert.deepEqual(namesOf(list), ["w1"]);
    assert.ok(Number(list.metadata.resourceVersion) >= rvOf(w1), "the list is not older than the create");

    const updated = await s.request(widgetsPath("verbs", "w1"), { method: "PUT", body: { ...w1, spec: { ...w1.spec, replicas: 3 } } });
    expectCode(updated, 200);
    assert.equal(updated.json<Widget>().spec?.replicas, 3);
    assert.equal(updated.json<Widget>().metadata.generation, 2, "a spec change bumps the generation");
    assert.ok(rvOf(updated.json<Widget>()) > rvOf(w1), "a new resourceVersion");

    const deleted = await s.request(widgetsPath("verbs", "w1"), { method: "DELETE" });
    expectCode(deleted, 200);
    assert.equal(deleted.json<Status>().status, "Success");
    expectStatus(await s.request(widgetsPath("verbs", "w1")), 404, "NotFound");
  });

  it("create with generateName", T, async () => {
    const res = await s.request(widgetsPath("verbs"), { method: "POST", body: { ...widget(""), metadata: { generateName: "gen-" } } });
    expectCode(res, 201);
    assert.match(res.json<Widget>().metadata.name ?? "", /^gen-[a-z0-9]{5}$/);
  });

  it("create, update and delete a cluster-scoped object", T, async () => {
    const created = await s.request(gadgetsPath(), { method: "POST", body: gadget("g1", { color: "red" }) });
    expectCode(created, 201);
    const g1 = created.json<Gadget>();
    assert.equal(g1.metadata.namespace, undefined);
    const updated = await s.request(gadgetsPath("g1"), { method: "PUT", body: { ...g1, spec: { color: "blue" } } });
    expectCode(updated, 200);
    assert.deepEqual(updated.json<Gadget>().spec, { color: "blue" });
    // A cluster-scoped resource has no namespaced path.
    expectStatus(await s.request("/apis/example.tskube.dev/v1/namespaces/verbs/gadgets/g1"), 404, "NotFound");
    expectCode(await s.request(gadgetsPath("g1"), { method: "DELETE" }), 200);
  });

  it("answers 405 to a verb the path does not offer", T, async () => {
    const status = expectStatus(await s.request(widgetsPath("verbs", "w1"), { method: "POST", body: widget("w1") }), 405, "MethodNotAllowed");
    assert.equal(status.message, 'create is not supported on resources of kind "widgets.example.tskube.dev"');
  });
});

describe("patch types", () => {
  before(async () => {
    const body = widget("p1", {
      metadata: { labels: { app: "p", keep: "yes" } },
      spec: { replicas: 2, parts: [{ name: "a", material: "oak" }, { name: "b", material: "pine" }] },
    });
    expectCode(await s.request(widgetsPath("patch"), { method: "POST", body }), 201);
    expectCode(await s.request(gadgetsPath(), { method: "POST", body: gadget("gp", { color: "red", size: 3 }) }), 201);
  });

  it("application/json-patch+json: RFC 6902 operations", T, async () => {
    const res = await patch(widgetsPath("patch", "p1"), "application/json-patch+json", [
      { op: "test", path: "/spec/replicas", value: 2 },
      { op: "replace", path: "/spec/replicas", value: 4 },
      { op: "add", path: "/spec/parts/-", value: { name: "c" } },
      { op: "remove", path: "/metadata/labels/keep" },
    ]);
    expectCode(res, 200);
    const w = res.json<Widget>();
    assert.equal(w.spec?.replicas, 4);
    assert.deepEqual(w.spec?.parts?.map((p) => p.name), ["a", "b", "c"]);
    assert.deepEqual(w.metadata.labels, { app: "p" });

    // A failed test operation changes nothing: 422.
    const failed = await patch(widgetsPath("patch", "p1"), "application/json-patch+json", [{ op: "test", path: "/spec/replicas", value: 99 }]);
    expectStatus(failed, 422, "Invalid");
  });

  it("application/merge-patch+json: objects merge, lists replace, null deletes", T, async () => {
    const res = await patch(widgetsPath("patch", "p1"), "application/merge-patch+json", {
      metadata: { labels: { app: null, color: "green" } },
      spec: { parts: [{ name: "z" }] },
    });
    expectCode(res, 200);
    const w = res.json<Widget>();
    assert.deepEqual(w.metadata.labels, { color: "green" });
    assert.deepEqual(w.spec?.parts, [{ name: "z" }]);
    assert.equal(w.spec?.replicas, 4, "untouched");
  });

  it("application/strategic-merge-patch+json: lists merged by their merge key, with directives", T, async () => {
    const res = await patch(widgetsPath("patch", "p1"), "application/strategic-merge-patch+json", {
      spec: { parts: [{ name: "y", material: "iron" }, { name: "z", count: 2 }] },
    });
    expectCode(res, 200);
    assert.deepEqual(res.json<Widget>().spec?.parts, [{ name: "y", material: "iron" }, { name: "z", count: 2 }]);

    const removed = await patch(widgetsPath("patch", "p1"), "application/strategic-merge-patch+json", {
      spec: { parts: [{ name: "y", $patch: "delete" }] },
    });
    assert.deepEqual(removed.json<Widget>().spec?.parts, [{ name: "z", count: 2 }]);
  });

  it("custom-resource-like kinds take no strategic merge patch (415); nobody takes apply yet (415)", T, async () => {
    const smpRes = await patch(gadgetsPath("gp"), "application/strategic-merge-patch+json", { spec: {} });
    const smp = expectStatus(smpRes, 415, "UnsupportedMediaType");
    assert.equal(
      smp.message,
      "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json",
    );
    expectStatus(await patch(widgetsPath("patch", "p1"), "application/apply-patch+yaml", { spec: {} }), 415, "UnsupportedMediaType");
    expectStatus(await patch(widgetsPath("patch", "p1"), "application/json", { spec: {} }), 415, "UnsupportedMediaType");
    const merged = await patch(gadgetsPath("gp"), "application/merge-patch+json", { spec: { size: null } });
    assert.deepEqual(merged.json<Gadget>().spec, { color: "red" });
  });

  it("a patch of a missing object is a 404; one that breaks validation a 422", T, async () => {
    expectStatus(await patch(widgetsPath("patch", "nope"), "application/merge-patch+json", {}), 404, "NotFound");
    const status = expectStatus(
      await patch(widgetsPath("patch", "p1"), "application/merge-patch+json", { spec: { selector: { matchLabels: { a: "b" } } } }),
      422,
      "Invalid",
    );
    assert.equal(status.message, 'Widget.example.tskube.dev "p1" is invalid: spec.selector: Forbidden: field is immutable');
    assert.deepEqual(status.details?.causes, [
      { reason: "FieldValueForbidden", message: "Forbidden: field is immutable", field: "spec.selector" },
    ]);
  });
});

describe("the status subresource", () => {
  before(async () => {
    const body = widget("s1", { spec: { replicas: 2 }, status: { replicas: 5 } });
    const created = await s.request(widgetsPath("sub"), { method: "POST", body });
    assert.equal(created.json<Widget>().status, undefined, "status cannot be set on create");
  });

  it("get, update and patch write status only; the main resource keeps it", T, async () => {
    const got = await s.request(widgetsPath("sub", "s1", "status"));
    expectCode(got, 200);
    const current = got.json<Widget>();
    assert.equal(current.kind, "Widget");

    const put = await s.request(widgetsPath("sub", "s1", "status"), {
      method: "PUT",
      body: { ...current, spec: { replicas: 100 }, status: { replicas: 1 } },
    });
    expectCode(put, 200);
    assert.deepEqual(put.json<Widget>().status, { replicas: 1 });
    assert.equal(put.json<Widget>().spec?.replicas, 2, "spec is not written through /status");
    assert.equal(put.json<Widget>().metadata.generation, 1, "a status write does not bump the generation");

    const patched = await patch(widgetsPath("sub", "s1", "status"), "application/strategic-merge-patch+json", {
      status: { conditions: [{ type: "Ready", status: "True" }] },
    });
    expectCode(patched, 200);
    assert.deepEqual(patched.json<Widget>().status, { replicas: 1, conditions: [{ type: "Ready", status: "True" }] });

    const main = await patch(widgetsPath("sub", "s1"), "application/merge-patch+json", { status: { replicas: 42 } });
    assert.equal(main.json<Widget>().status?.replicas, 1, "status is not written through the main resource");
  });

  it("offers only get, update and patch (405)", T, async () => {
    expectStatus(await s.request(widgetsPath("sub", "s1", "status"), { method: "DELETE" }), 405, "MethodNotAllowed");
  });
});

describe("the scale subresource", () => {
  before(async () => {
    const body = widget("sc1", { spec: { replicas: 2, selector: { matchLabels: { app: "sc" } } } });
    expectCode(await s.request(widgetsPath("sub"), { method: "POST", body }), 201);
  });

  it("reads the object as an autoscaling/v1 Scale", T, async () => {
    const res = await s.request(widgetsPath("sub", "sc1", "scale"));
    expectCode(res, 200);
    const scale = res.json<KubeObject & { spec: { replicas: number }; status: { replicas: number; selector: string } }>();
    assert.equal(scale.apiVersion, "autoscaling/v1");
    assert.equal(scale.kind, "Scale");
    assert.equal(scale.metadata.name, "sc1");
    assert.deepEqual(scale.spec, { replicas: 2 });
    assert.deepEqual(scale.status, { replicas: 0, selector: "app=sc" });
  });

  it("update and patch set spec.replicas of the object", T, async () => {
    const scale = (await s.request(widgetsPath("sub", "sc1", "scale"))).json<KubeObject>();
    const put = await s.request(widgetsPath("sub", "sc1", "scale"), { method: "PUT", body: { ...scale, spec: { replicas: 5 } } });
    expectCode(put, 200);
    assert.deepEqual(put.json<KubeObject>().spec, { replicas: 5 });
    const patched = await patch(widgetsPath("sub", "sc1", "scale"), "application/merge-patch+json", { spec: { replicas: 7 } });
    expectCode(patched, 200);
    assert.equal((await s.request(widgetsPath("sub", "sc1"))).json<Widget>().spec?.replicas, 7);

    // The Scale's resourceVersion is a precondition.
    const stale = await s.request(widgetsPath("sub", "sc1", "scale"), { method: "PUT", body: { ...scale, spec: { replicas: 1 } } });
    expectStatus(stale, 409, "Conflict");
    // Replicas must not be negative.
    expectStatus(await patch(widgetsPath("sub", "sc1", "scale"), "application/merge-patch+json", { spec: { replicas: -1 } }), 422, "Invalid");
  });
});

describe("the Table form", () => {
  before(async () => {
    const body = widget("t1", { spec: { replicas: 3, parts: [{ name: "a" }, { name: "b" }] } });
    expectCode(await s.request(widgetsPath("table"), { method: "POST", body }), 201);
  });

  interface Table {
    kind: string;
    apiVersion: string;
    metadata: { resourceVersion?: string };
    columnDefinitions: { name: string; type: string; priority: number }[] | null;
    rows: { cells: unknown[]; object: KubeObject }[];
  }

  it("lists rows with the kind's columns, Name first and Age last, objects as PartialObjectMetadata", T, async () => {
    const res = await s.request(widgetsPath("table"), { headers: { Accept: `${TABLE},application/json` } });
    expectCode(res, 200);
    assert.equal(res.headers["content-type"], "application/json");
    const table = res.json<Table>();
    assert.equal(table.kind, "Table");
    assert.equal(table.apiVersion, "meta.k8s.io/v1");
    assert.deepEqual(
      table.columnDefinitions?.map((c) => [c.name, c.type, c.priority]),
      [
        ["Name", "string", 0],
        ["Replicas", "integer", 0],
        ["Current", "integer", 0],
        ["Parts", "string", 1],
        ["Age", "string", 0],
      ],
    );
    assert.equal(table.rows.length, 1);
    assert.deepEqual(table.rows[0]!.cells.slice(0, 4), ["t1", 3, 0, "a,b"]);
    assert.equal(table.rows[0]!.object.kind, "PartialObjectMetadata");
    assert.equal(table.rows[0]!.object.metadata.namespace, "table");
  });

  it("includeObject=Object carries the whole object; a single get is a Table too", T, async () => {
    const res = await s.request(`${widgetsPath("table", "t1")}?includeObject=Object`, { headers: { Accept: TABLE } });
    const table = res.json<Table>();
    assert.equal(table.rows[0]!.object.kind, "Widget");
    assert.deepEqual((table.rows[0]!.object as Widget).spec?.replicas, 3);
  });

  it("in a watch, only the first event carries the column definitions", T, async () => {
    const w = await s.openStream(`${widgetsPath("table")}?watch=true`, { Accept: TABLE });
    try {
      const first = await w.next();
      assert.equal(first.type, "ADDED");
      assert.equal(first.object.kind, "Table");
      assert.equal((first.object as unknown as Table).columnDefinitions?.length, 5);
      await s.request(widgetsPath("table"), { method: "POST", body: widget("t2") });
      const second = await w.next();
      assert.equal((second.object as unknown as Table).rows[0]!.cells[0], "t2");
      // Not omitted: upstream's Table always has the field, null when there are none.
      assert.equal((second.object as unknown as Table).columnDefinitions, null);
    } finally {
      w.close();
    }
  });
});

describe("watch", () => {
  it("streams one JSON event per line, chunked, as changes happen", T, async () => {
    const start = (await s.request(widgetsPath("watch"))).json<List>().metadata.resourceVersion;
    const w = await s.openStream(`${widgetsPath("watch")}?watch=true&resourceVersion=${start}`);
    const events: WatchLine[] = [];
    try {
      assert.equal(w.status, 200);
      assert.equal(w.headers["content-type"], "application/json");
      assert.equal(w.headers["transfer-encoding"], "chunked");

      await s.request(widgetsPath("watch"), { method: "POST", body: widget("x") });
      await patch(widgetsPath("watch", "x"), "application/merge-patch+json", { spec: { replicas: 2 } });
      const deleted = await s.request(widgetsPath("watch", "x"), { method: "DELETE" });
      expectCode(deleted, 200);
      for (let i = 0; i < 3; i++) events.push(await w.next());
    } finally {
      w.close();
    }
    assert.deepEqual(
      events.map((e) => [e.type, e.object.metadata?.name]),
      [
        ["ADDED", "x"],
        ["MODIFIED", "x"],
        ["DELETED", "x"],
      ],
    );
    const rvs = events.map((e) => Number(e.object.metadata?.resourceVersion));
    assert.ok(rvs[0]! < rvs[1]! && rvs[1]! < rvs[2]!, "DELETED carries the deletion's resourceVersion");
    // Framing: every chunk holds whole lines, each a JSON object with type and object.
    for (const chunk of w.chunks) {
      assert.ok(chunk.endsWith("\n"), "a chunk ends a line");
      for (const line of chunk.trimEnd().split("\n")) assert.deepEqual(Object.keys(JSON.parse(line) as object), ["type", "object"]);
    }
  });

  it("watches one object (a name in the field selector), also on the legacy /watch/ path", T, async () => {
    await s.request(widgetsPath("watch"), { method: "POST", body: widget("one") });
    await s.request(widgetsPath("watch"), { method: "POST", body: widget("other") });
    for (const path of [
      `${widgetsPath("watch")}?watch=true&fieldSelector=metadata.name%3Done`,
      "/apis/example.tskube.dev/v1/watch/namespaces/watch/widgets/one",
    ]) {
      const w = await s.openStream(path);
      try {
        const event = await w.next();
        assert.deepEqual([event.type, event.object.metadata?.name], ["ADDED", "one"]);
        await assert.rejects(w.next(200), /no line within/);
      } finally {
        w.close();
      }
    }
  });

  it("watches gadgets cluster-wide", T, async () => {
    const w = await s.openStream(`${gadgetsPath()}?watch=true&fieldSelector=spec.color%3Dgreen`);
    try {
      await s.request(gadgetsPath(), { method: "POST", body: gadget("gw-blue", { color: "blue" }) });
      await s.request(gadgetsPath(), { method: "POST", body: gadget("gw-green", { color: "green" }) });
      const event = await w.next();
      assert.deepEqual([event.type, event.object.metadata?.name], ["ADDED", "gw-green"]);
    } finally {
      w.close();
    }
  });
});
