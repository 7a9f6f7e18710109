// The query parameters of the REST verbs, over real HTTPS against the
// example group: selectors, paging, resource versions, watch options,
// dryRun, fieldValidation, pretty, and the options of DELETE.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubeObject, Status } from "@tskube/apimachinery";
import { INITIAL_EVENTS_END_ANNOTATION } from "@tskube/storage";
import type { Widget } from "./example-group.js";
import { type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import {
  type List,
  expectCode,
  expectStatus,
  gadget,
  gadgetsPath,
  namesOf,
  rvOf,
  widget,
  widgetsPath,
} from "./objects.js";

const T = { timeout: 20_000 };

let s: IntegrationServer;
before(async () => {
  s = await startIntegrationServer(await createPKI());
  const widgets: [string, Widget][] = [
    ["ns1", widget("w-a", { metadata: { labels: { app: "a", tier: "front" } } })],
    ["ns1", widget("w-b", { metadata: { labels: { app: "b", tier: "back" } } })],
    ["ns1", widget("w-c", { metadata: { labels: { app: "a", tier: "back" } } })],
    ["ns2", widget("w-d", { metadata: { labels: { app: "a" } } })],
  ];
  for (const [namespace, w] of widgets) expectCode(await s.request(widgetsPath(namespace), { method: "POST", body: w }), 201);
  for (const g of [gadget("g-red", { color: "red" }), gadget("g-blue", { color: "blue" }), gadget("g-red2", { color: "red" })]) {
    expectCode(await s.request(gadgetsPath(), { method: "POST", body: g }), 201);
  }
});
after(() => s.close());

const list = async (path: string) => {
  const res = await s.request(path);
  expectCode(res, 200);
  return res.json<List>();
};

describe("labelSelector", () => {
  it("selects by equality, set and existence", T, async () => {
    assert.deepEqual(namesOf(await list(`${widgetsPath("ns1")}?labelSelector=app%3Da`)), ["w-a", "w-c"]);
    assert.deepEqual(namesOf(await list(`${widgetsPath("ns1")}?labelSelector=${encodeURIComponent("app in (a,b),tier!=front")}`)), [
      "w-b",
      "w-c",
    ]);
    assert.deepEqual(namesOf(await list(`${widgetsPath("ns1")}?labelSelector=${encodeURIComponent("!tier")}`)), []);
  });

  it("works across namespaces", T, async () => {
    assert.deepEqual(namesOf(await list(`/apis/example.tskube.dev/v1/widgets?labelSelector=app%3Da`)), ["w-a", "w-c", "w-d"]);
  });

  it("answers 400 to a selector that does not parse", T, async () => {
    const status = expectStatus(await s.request(`${widgetsPath("ns1")}?labelSelector=${encodeURIComponent("app in (a")}`), 400, "BadRequest");
    assert.match(status.message ?? "", /unable to parse requirement|found '', expected/);
  });
});

describe("fieldSelector", () => {
  it("selects by metadata.name and metadata.namespace everywhere", T, async () => {
    assert.deepEqual(namesOf(await list(`${widgetsPath("ns1")}?fieldSelector=metadata.name%3Dw-b`)), ["w-b"]);
    assert.deepEqual(namesOf(await list(`/apis/example.tskube.dev/v1/widgets?fieldSelector=metadata.namespace%3Dns2`)), ["w-d"]);
    assert.deepEqual(namesOf(await list(`${widgetsPath("ns1")}?fieldSelector=metadata.name!%3Dw-b`)), ["w-a", "w-c"]);
  });

  it("selects by a field the resource declares (gadgets: spec.color)", T, async () => {
    assert.deepEqual(namesOf(await list(`${gadgetsPath()}?fieldSelector=spec.color%3Dred`)), ["g-red", "g-red2"]);
  });

  it("answers 400 to a field the resource does not support", T, async () => {
    const status = expectStatus(await s.request(`${widgetsPath("ns1")}?fieldSelector=spec.replicas%3D1`), 400, "BadRequest");
    assert.equal(status.message, "field label not supported: spec.replicas");
    // Gadgets' own field is not a widget's.
    expectStatus(await s.request(`${widgetsPath("ns1")}?fieldSelector=spec.color%3Dred`), 400, "BadRequest");
  });
});

describe("limit and continue", () => {
  it("pages one snapshot: every page at the first page's resourceVersion", T, async () => {
    const first = await list(`${gadgetsPath()}?limit=2`);
    assert.deepEqual(namesOf(first), ["g-blue", "g-red"]);
    assert.ok(first.metadata.continue, "a continue token");
    assert.equal(first.metadata.remainingItemCount, 1);

    // A gadget created between pages is not in the snapshot.
    expectCode(await s.request(gadgetsPath(), { method: "POST", body: gadget("g-zzz", { color: "green" }) }), 201);
    const second = await list(`${gadgetsPath()}?limit=2&continue=${encodeURIComponent(first.metadata.continue)}`);
    assert.deepEqual(namesOf(second), ["g-red2"]);
    assert.equal(second.metadata.continue, undefined, "the last page has no continue token");
    assert.equal(second.metadata.resourceVersion, first.metadata.resourceVersion);

    expectCode(await s.request(gadgetsPath("g-zzz"), { method: "DELETE" }), 200);
  });

  it("leaves remainingItemCount out with a selector", T, async () => {
    const page = await list(`${gadgetsPath()}?limit=1&fieldSelector=spec.color%3Dred`);
    assert.deepEqual(namesOf(page), ["g-red"]);
    assert.ok(page.metadata.continue, "a continue token");
    assert.equal(page.metadata.remainingItemCount, undefined);
  });

  it("answers 400 to a token that is not one, and to a resourceVersion with a continue token", T, async () => {
    expectStatus(await s.request(`${gadgetsPath()}?continue=not-a-token`), 400, "BadRequest");
    const first = await list(`${gadgetsPath()}?limit=1`);
    const status = expectStatus(
      await s.request(`${gadgetsPath()}?limit=1&resourceVersion=1&continue=${encodeURIComponent(first.metadata.continue ?? "")}`),
      400,
      "BadRequest",
    );
    assert.equal(status.message, "specifying resource version is not allowed when using continue");
  });
});

describe("resourceVersion and resourceVersionMatch", () => {
  it("reads a list from the cache (0), not older than N, and exactly at N", T, async () => {
    const before = await list(widgetsPath("ns1"));
    const rv = before.metadata.resourceVersion!;
    expectCode(await s.request(widgetsPath("ns1"), { method: "POST", body: widget("w-new") }), 201);

    // "0": any state the cache has, with everything this server acknowledged.
    assert.ok(namesOf(await list(`${widgetsPath("ns1")}?resourceVersion=0`)).includes("w-new"), "the cache has the new widget");
    // Not older than the first list: the new widget is there.
    const notOlder = await list(`${widgetsPath("ns1")}?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`);
    assert.ok(namesOf(notOlder).includes("w-new"), "not older than the first list: the new widget is there");
    assert.ok(Number(notOlder.metadata.resourceVersion) > Number(rv), "read at a later revision");
    // Exactly at the first list's revision: as it was then.
    const exact = await list(`${widgetsPath("ns1")}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    assert.deepEqual(namesOf(exact), namesOf(before));
    assert.equal(exact.metadata.resourceVersion, rv);

    expectCode(await s.request(widgetsPath("ns1", "w-new"), { method: "DELETE" }), 200);
  });

  it("reads one object from the cache (0) or consistently (unset)", T, async () => {
    const cached = await s.request(`${widgetsPath("ns1", "w-a")}?resourceVersion=0`);
    const consistent = await s.request(widgetsPath("ns1", "w-a"));
    expectCode(cached, 200);
    assert.deepEqual(cached.json(), consistent.json());
  });

  it("answers 422 on ListOptions to a match without a resourceVersion, or an unknown match", T, async () => {
    const missing = expectStatus(await s.request(`${widgetsPath("ns1")}?resourceVersionMatch=NotOlderThan`), 422, "Invalid");
    assert.equal(
      missing.message,
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
    assert.equal(missing.details?.kind, "ListOptions");
    assert.equal(missing.details?.group, "meta.k8s.io");
    const unknown = expectStatus(await s.request(`${widgetsPath("ns1")}?resourceVersion=1&resourceVersionMatch=Newest`), 422, "Invalid");
    assert.match(unknown.message ?? "", /resourceVersionMatch: Unsupported value: "Newest"/);
  });
});

describe("watch parameters", () => {
  it("timeoutSeconds ends the watch", T, async () => {
    const started = Date.now();
    const w = await s.openStream(`${widgetsPath("ns1")}?watch=true&timeoutSeconds=1`);
    assert.equal(w.status, 200);
    await w.ended;
    const took = Date.now() - started;
    assert.ok(took >= 900 && took < 5000, `ended after ${took} ms`);
  });

  it("allowWatchBookmarks: bookmarks carry only the resourceVersion", T, async () => {
    const { metadata } = await list(widgetsPath("ns1"));
    const w = await s.openStream(`${widgetsPath("ns1")}?watch=1&allowWatchBookmarks=true&resourceVersion=${metadata.resourceVersion}`);
    try {
      const event = await w.next(3000);
      assert.equal(event.type, "BOOKMARK");
      assert.deepEqual(event.object, {
        apiVersion: "example.tskube.dev/v1",
        kind: "Widget",
        metadata: { resourceVersion: event.object.metadata?.resourceVersion },
      });
      assert.ok(Number(event.object.metadata?.resourceVersion) >= Number(metadata.resourceVersion), "not older than the watch");
    } finally {
      w.close();
    }
  });

  it("without allowWatchBookmarks, no bookmarks", T, async () => {
    const { metadata } = await list(widgetsPath("ns1"));
    const w = await s.openStream(`${widgetsPath("ns1")}?watch=1&resourceVersion=${metadata.resourceVersion}&timeoutSeconds=1`);
    await w.ended;
    await assert.rejects(w.next(10), /the stream ended/);
  });

  it("sendInitialEvents: the current objects, then a bookmark marking the end of them", T, async () => {
    const w = await s.openStream(
      `${widgetsPath("ns1")}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
    );
    try {
      const added = [await w.next(), await w.next(), await w.next()];
      assert.deepEqual(
        added.map((e) => [e.type, e.object.metadata?.name]),
        [
          ["ADDED", "w-a"],
          ["ADDED", "w-b"],
          ["ADDED", "w-c"],
        ],
      );
      const end = await w.next();
      assert.equal(end.type, "BOOKMARK");
      assert.equal(end.object.metadata?.annotations?.[INITIAL_EVENTS_END_ANNOTATION], "true");
    } finally {
      w.close();
    }
  });

  it("sendInitialEvents needs resourceVersionMatch=NotOlderThan and bookmarks (422)", T, async () => {
    const status = expectStatus(await s.request(`${widgetsPath("ns1")}?watch=1&sendInitialEvents=true`), 422, "Invalid");
    assert.equal(
      status.message,
      'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true]',
    );
    // A list takes no sendInitialEvents.
    expectStatus(await s.request(`${widgetsPath("ns1")}?sendInitialEvents=true`), 422, "Invalid");
  });
});

describe("dryRun=All", () => {
  it("runs a create, update, patch and delete through, and persists nothing", T, async () => {
    const created = await s.request(`${widgetsPath("ns1")}?dryRun=All`, { method: "POST", body: widget("w-dry") });
    expectCode(created, 201);
    assert.equal(created.json<Widget>().spec?.replicas, 1, "defaults were applied");
    assert.equal(created.json<Widget>().metadata.resourceVersion, undefined);
    expectStatus(await s.request(widgetsPath("ns1", "w-dry")), 404, "NotFound");

    const current = (await s.request(widgetsPath("ns1", "w-a"))).json<Widget>();
    const updated = await s.request(`${widgetsPath("ns1", "w-a")}?dryRun=All`, {
      method: "PUT",
      body: { ...current, spec: { ...current.spec, replicas: 9 } },
    });
    expectCode(updated, 200);
    assert.equal(updated.json<Widget>().spec?.replicas, 9);
    const patched = await s.request(`${widgetsPath("ns1", "w-a")}?dryRun=All`, {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { replicas: 7 } }),
    });
    assert.equal(patched.json<Widget>().spec?.replicas, 7);
    const deleted = await s.request(`${widgetsPath("ns1", "w-a")}?dryRun=All`, { method: "DELETE" });
    expectCode(deleted, 200);
    assert.equal(deleted.json<Status>().status, "Success");

    const after = (await s.request(widgetsPath("ns1", "w-a"))).json<Widget>();
    assert.deepEqual(after, current, "nothing changed");
  });

  it("still reports AlreadyExists and validation errors", T, async () => {
    expectStatus(await s.request(`${widgetsPath("ns1")}?dryRun=All`, { method: "POST", body: widget("w-a") }), 409, "AlreadyExists");
    expectStatus(
      await s.request(`${widgetsPath("ns1")}?dryRun=All`, { method: "POST", body: widget("w-bad", { spec: { replicas: -1 } }) }),
      422,
      "Invalid",
    );
  });

  it("accepts only All (422 on CreateOptions)", T, async () => {
    const status = expectStatus(await s.request(`${widgetsPath("ns1")}?dryRun=Some`, { method: "POST", body: widget("w-x") }), 422, "Invalid");
    assert.equal(status.message, 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Some"]: supported values: "All"');
  });
});

describe("fieldValidation", () => {
  const withUnknown = (name: string) => ({ ...widget(name), spec: { replicas: 2, colour: "red" }, extra: true });

  it("Strict: 400 naming every unknown field", T, async () => {
    const status = expectStatus(
      await s.request(`${widgetsPath("ns1")}?fieldValidation=Strict`, { method: "POST", body: withUnknown("w-strict") }),
      400,
      "BadRequest",
    );
    assert.equal(
      status.message,
      // In the order of the body.
      'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour", unknown field "extra"',
    );
  });

  it("Warn (and the default): created, one Warning header per unknown field, fields dropped", T, async () => {
    for (const [query, name] of [["?fieldValidation=Warn", "w-warn"], ["", "w-default"]] as const) {
      const res = await s.request(`${widgetsPath("ns1")}${query}`, { method: "POST", body: withUnknown(name) });
      expectCode(res, 201);
      assert.deepEqual(res.warnings, ['unknown field "spec.colour"', 'unknown field "extra"']);
      assert.deepEqual(res.json<Widget>().spec, { replicas: 2 });
      assert.equal("extra" in res.json(), false);
    }
  });

  it("Ignore: created silently, fields dropped", T, async () => {
    const res = await s.request(`${widgetsPath("ns1")}?fieldValidation=Ignore`, { method: "POST", body: withUnknown("w-ignore") });
    expectCode(res, 201);
    assert.deepEqual(res.warnings, []);
    assert.deepEqual(res.json<Widget>().spec, { replicas: 2 });
  });

  it("applies to updates and patches too", T, async () => {
    const current = (await s.request(widgetsPath("ns1", "w-warn"))).json<Widget>();
    const put = await s.request(`${widgetsPath("ns1", "w-warn")}?fieldValidation=Strict`, {
      method: "PUT",
      body: { ...current, spec: { colour: "blue" } },
    });
    expectStatus(put, 400, "BadRequest");
    const patch = await s.request(`${widgetsPath("ns1", "w-warn")}?fieldValidation=Strict`, {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { colour: "blue" } }),
    });
    const status = expectStatus(patch, 422, "Invalid");
    assert.match(status.message ?? "", /strict decoding error: unknown field "spec.colour"/);
    const warned = await s.request(`${widgetsPath("ns1", "w-warn")}?fieldValidation=Warn`, {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { colour: "blue" } }),
    });
    expectCode(warned, 200);
    assert.deepEqual(warned.warnings, ['unknown field "spec.colour"']);
  });

  it("answers 422 to an unknown mode", T, async () => {
    const status = expectStatus(
      await s.request(`${widgetsPath("ns1")}?fieldValidation=Loose`, { method: "POST", body: widget("w-loose") }),
      422,
      "Invalid",
    );
    assert.match(status.message ?? "", /fieldValidation: Unsupported value: "Loose"/);
  });
});

describe("pretty", () => {
  it("indents the body when asked, and not otherwise", T, async () => {
    const pretty = await s.request(`${widgetsPath("ns1", "w-a")}?pretty=true`);
    assert.match(pretty.text, /^\{\n {2}"apiVersion": "example.tskube.dev\/v1",\n/);
    assert.ok(pretty.text.endsWith("}\n"), "ends with a newline");
    const plain = await s.request(`${widgetsPath("ns1", "w-a")}?pretty=false`);
    assert.match(plain.text, /^\{"apiVersion":"example.tskube.dev\/v1","kind":"Widget",/);
    assert.deepEqual(pretty.json(), plain.json());
    // Errors too.
    const missing = await s.request(`${widgetsPath("ns1", "nope")}?pretty=1`);
    assert.match(missing.text, /^\{\n {2}"kind": "Status",/);
  });
});

describe("DELETE options", () => {
  const create = async (name: string, fields: Partial<Widget> = {}) => {
    const res = await s.request(widgetsPath("ns1"), { method: "POST", body: widget(name, fields) });
    expectCode(res, 201);
    return res.json<Widget>();
  };

  it("propagationPolicy=Background (and the default) deletes at once, answering a Success Status", T, async () => {
    const created = await create("w-del-bg");
    const res = await s.request(`${widgetsPath("ns1", "w-del-bg")}?propagationPolicy=Background`, { method: "DELETE" });
    expectCode(res, 200);
    assert.deepEqual(res.json(), {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Success",
      details: { name: "w-del-bg", group: "example.tskube.dev", kind: "widgets", uid: created.metadata.uid },
    });
    expectStatus(await s.request(widgetsPath("ns1", "w-del-bg")), 404, "NotFound");
  });

  it("propagationPolicy=Orphan leaves the object for the garbage collector: marked, with the orphan finalizer", T, async () => {
    await create("w-del-orphan");
    const res = await s.request(`${widgetsPath("ns1", "w-del-orphan")}?propagationPolicy=Orphan`, { method: "DELETE" });
    expectCode(res, 200);
    const marked = res.json<Widget>();
    assert.equal(marked.kind, "Widget");
    assert.ok(marked.metadata.deletionTimestamp, "marked for deletion");
    assert.equal(marked.metadata.deletionGracePeriodSeconds, 0);
    assert.deepEqual(marked.metadata.finalizers, ["orphan"]);
    // The collector's part, by hand: removing the last finalizer removes the object.
    const cleared = await s.request(widgetsPath("ns1", "w-del-orphan"), {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: JSON.stringify({ metadata: { finalizers: null } }),
    });
    expectCode(cleared, 200);
    expectStatus(await s.request(widgetsPath("ns1", "w-del-orphan")), 404, "NotFound");
  });

  it("propagationPolicy=Foreground records foregroundDeletion", T, async () => {
    await create("w-del-fg");
    const res = await s.request(widgetsPath("ns1", "w-del-fg"), {
      method: "DELETE",
      body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Foreground" },
    });
    assert.deepEqual(res.json<Widget>().metadata.finalizers, ["foregroundDeletion"]);
    await s.request(widgetsPath("ns1", "w-del-fg"), {
      method: "PATCH",
      headers: { "Content-Type": "application/json-patch+json" },
      body: JSON.stringify([{ op: "remove", path: "/metadata/finalizers" }]),
    });
    expectStatus(await s.request(widgetsPath("ns1", "w-del-fg")), 404, "NotFound");
  });

  it("answers 422 to an unknown propagationPolicy, and 400 to a gracePeriodSeconds that is not a number", T, async () => {
    await create("w-del-opts");
    const status = expectStatus(
      await s.request(`${widgetsPath("ns1", "w-del-opts")}?propagationPolicy=Sideways`, { method: "DELETE" }),
      422,
      "Invalid",
    );
    assert.equal(
      status.message,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
    expectStatus(await s.request(`${widgetsPath("ns1", "w-del-opts")}?gracePeriodSeconds=soon`, { method: "DELETE" }), 400, "BadRequest");
  });

  it("gracePeriodSeconds is accepted: 0 deletes at once", T, async () => {
    expectCode(await s.request(`${widgetsPath("ns1", "w-del-opts")}?gracePeriodSeconds=0`, { method: "DELETE" }), 200);
    expectStatus(await s.request(widgetsPath("ns1", "w-del-opts")), 404, "NotFound");
  });

  it("preconditions: a wrong uid or resourceVersion is a 409 Conflict; matching ones delete", T, async () => {
    const created = await create("w-del-pre");
    const wrongUID = await s.request(widgetsPath("ns1", "w-del-pre"), {
      method: "DELETE",
      body: { kind: "DeleteOptions", apiVersion: "v1", preconditions: { uid: "00000000-0000-0000-0000-000000000000" } },
    });
    // As upstream's early check (rest.BeforeDelete), which names the kind rather than the resource.
    assert.equal(
      expectStatus(wrongUID, 409, "Conflict").message,
      `Operation cannot be fulfilled on Widget.example.tskube.dev "w-del-pre": the UID in the precondition ` +
        `(00000000-0000-0000-0000-000000000000) does not match the UID in record (${created.metadata.uid}). ` +
        "The object might have been deleted and then recreated",
    );
    const stale = String(rvOf(created) - 1);
    const staleRV = await s.request(widgetsPath("ns1", "w-del-pre"), {
      method: "DELETE",
      body: { kind: "DeleteOptions", apiVersion: "v1", preconditions: { resourceVersion: stale } },
    });
    assert.equal(
      expectStatus(staleRV, 409, "Conflict").message,
      `Operation cannot be fulfilled on Widget.example.tskube.dev "w-del-pre": the ResourceVersion in the precondition ` +
        `(${stale}) does not match the ResourceVersion in record (${created.metadata.resourceVersion}). The object might have been modified`,
    );

    const matching = await s.request(widgetsPath("ns1", "w-del-pre"), {
      method: "DELETE",
      body: {
        kind: "DeleteOptions",
        apiVersion: "v1",
        preconditions: { uid: created.metadata.uid, resourceVersion: created.metadata.resourceVersion },
      },
    });
    expectCode(matching, 200);
    assert.equal(matching.json<Status>().status, "Success");
  });

  it("deletecollection deletes what the selectors match and answers the list of them", T, async () => {
    await create("w-col-1", { metadata: { name: "w-col-1", labels: { batch: "x" } } });
    await create("w-col-2", { metadata: { name: "w-col-2", labels: { batch: "x" } } });
    const res = await s.request(`${widgetsPath("ns1")}?labelSelector=batch%3Dx`, { method: "DELETE" });
    expectCode(res, 200);
    const deleted = res.json<List<KubeObject>>();
    assert.equal(deleted.kind, "WidgetList");
    assert.deepEqual(namesOf(deleted), ["w-col-1", "w-col-2"]);
    assert.deepEqual(namesOf(await list(`${widgetsPath("ns1")}?labelSelector=batch%3Dx`)), []);
  });
});
