// Watches over HTTP: framing, event types, bookmarks, in-stream errors,
// timeouts, Table and PartialObjectMetadata events, disconnects, and shared
// encodings. Most run on the real registry; a scripted storage covers what
// the real one cannot be made to do on cue.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type KubeObject, newResourceExpired } from "@tskube/apimachinery";
import { EventChannel, type Watch, type WatchEvent } from "@tskube/storage";
import type { RESTStorage, ResourceStorage } from "../../registry/rest-storage.js";
import {
  type TestAPI,
  type WatchStream,
  openWatch,
  request,
  serveGroups,
  startTestAPI,
  widgetDefinition,
} from "../test-support.js";
import { tableColumnsForDefinition } from "./transform.js";
import { WatchEventEncoder, watchTimeoutMs } from "./watch.js";

const KUBECTL_GET =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
const NS = "/apis/example.com/v1/namespaces/watching/widgets";

let api: TestAPI;
const streams: WatchStream[] = [];

async function watch(path: string, headers: Record<string, string> = {}): Promise<WatchStream> {
  const stream = await openWatch(api.url, path, headers);
  streams.push(stream);
  return stream;
}

function widget(name: string, replicas = 1) {
  return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name }, spec: { replicas } };
}

async function createWidget(name: string, replicas = 1) {
  const res = await request(api.url, NS, { method: "POST", body: widget(name, replicas) });
  assert.equal(res.status, 201, res.text);
  return res.json();
}

async function currentRV(): Promise<string> {
  return (await request(api.url, NS)).json().metadata.resourceVersion;
}

before(async () => {
  api = await startTestAPI();
});
after(async () => {
  for (const s of streams) s.close();
  await api.close();
});

describe("watch over HTTP", () => {
  it("streams chunked JSON lines, one per event, with apiVersion and kind set", async () => {
    const rv = await currentRV();
    const stream = await watch(`${NS}?watch=true&resourceVersion=${rv}`);
    assert.equal(stream.status, 200);
    assert.equal(stream.headers["content-type"], "application/json");
    assert.equal(stream.headers["transfer-encoding"], "chunked");

    const created = await createWidget("w1");
    const added = await stream.next();
    assert.equal(added.type, "ADDED");
    assert.equal(added.object.apiVersion, "example.com/v1");
    assert.equal(added.object.kind, "Widget");
    assert.equal(added.object.metadata.name, "w1");
    assert.equal(added.line, JSON.stringify({ type: "ADDED", object: added.object }));

    await request(api.url, `${NS}/w1`, { method: "PUT", body: { ...created, spec: { replicas: 2 } } });
    const modified = await stream.next();
    assert.equal(modified.type, "MODIFIED");
    assert.equal(modified.object.spec.replicas, 2);

    await request(api.url, `${NS}/w1`, { method: "DELETE" });
    const deleted = await stream.next();
    assert.equal(deleted.type, "DELETED");
    assert.equal(deleted.object.kind, "Widget");
    stream.close();
  });

  it("starts with the current objects without a resourceVersion, and serves legacy /watch/ paths", async () => {
    await createWidget("existing");
    const stream = await watch("/apis/example.com/v1/watch/namespaces/watching/widgets");
    const first = await stream.next();
    assert.equal(first.type, "ADDED");
    assert.equal(first.object.metadata.name, "existing");
    stream.close();
  });

  it("watches one object by name", async () => {
    await createWidget("one");
    await createWidget("other");
    const rv = await currentRV();
    // Upstream serves GET .../widgets/one?watch=1 as a plain get; one object is
    // watched under the legacy /watch/ prefix, or with a field selector.
    const byPath = await watch(`/apis/example.com/v1/watch/namespaces/watching/widgets/one?resourceVersion=${rv}`);
    const bySelector = await watch(`${NS}?watch=1&fieldSelector=metadata.name%3Done&resourceVersion=${rv}`);
    await request(api.url, `${NS}/other`, { method: "DELETE" });
    await request(api.url, `${NS}/one`, { method: "DELETE" });
    assert.equal((await byPath.next()).object.metadata.name, "one");
    assert.equal((await bySelector.next()).object.metadata.name, "one");
    const mismatch = await request(api.url, "/apis/example.com/v1/watch/namespaces/watching/widgets/one?fieldSelector=metadata.name%3Dtwo");
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.json().message, "fieldSelector metadata.name doesn't match requested name");
  });

  it("ends the initial events with a BOOKMARK when asked (sendInitialEvents)", async () => {
    await createWidget("initial");
    const stream = await watch(`${NS}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    let event = await stream.next();
    while (event.type === "ADDED") event = await stream.next();
    assert.equal(event.type, "BOOKMARK");
    assert.equal(event.object.kind, "Widget");
    assert.equal(event.object.apiVersion, "example.com/v1");
    assert.ok(event.object.metadata.resourceVersion);
    assert.deepEqual(event.object.metadata.annotations, { "k8s.io/initial-events-end": "true" });
    stream.close();
  });

  it("validates watch options as upstream", async () => {
    const res = await request(api.url, `${NS}?watch=1&resourceVersionMatch=NotOlderThan&resourceVersion=1`);
    assert.equal(res.status, 422);
    assert.equal(
      res.json().message,
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
    const noBookmarks = await request(api.url, `${NS}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan`);
    assert.equal(noBookmarks.status, 422);
    assert.match(noBookmarks.json().message, /sendInitialEvents requires setting allowWatchBookmarks to true/);
    const yamlOnly = await request(api.url, `${NS}?watch=1`, { headers: { Accept: "application/yaml" } });
    assert.equal(yamlOnly.status, 406);
  });

  it("sends 410 Expired in-stream for a compacted resourceVersion, then ends", async () => {
    const first = await createWidget("compacted");
    // Two more revisions, so that the one after `first` is compacted away.
    const second = (await request(api.url, `${NS}/compacted`, { method: "PUT", body: { ...first, spec: { replicas: 3 } } })).json();
    await request(api.url, `${NS}/compacted`, { method: "PUT", body: { ...second, spec: { replicas: 4 } } });
    await api.kv.compact(Number(await currentRV()));
    const stream = await watch(`${NS}?watch=1&resourceVersion=${first.metadata.resourceVersion}`);
    assert.equal(stream.status, 200);
    const event = await stream.next();
    assert.equal(event.type, "ERROR");
    assert.equal(event.object.kind, "Status");
    assert.equal(event.object.code, 410);
    assert.equal(event.object.reason, "Expired");
    await stream.ended;
  });

  it("ends after timeoutSeconds", async () => {
    const started = Date.now();
    const stream = await watch(`${NS}?watch=1&timeoutSeconds=1&resourceVersion=${await currentRV()}`);
    await stream.ended;
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 900 && elapsed < 4000, `ended after ${elapsed}ms`);
  });

  it("sends Tables to kubectl, with column definitions only in the first event", async () => {
    const rv = await currentRV();
    const stream = await watch(`${NS}?watch=1&resourceVersion=${rv}`, { Accept: KUBECTL_GET });
    await createWidget("t1", 4);
    await createWidget("t2", 5);
    const first = await stream.next();
    const second = await stream.next();
    assert.equal(first.object.kind, "Table");
    assert.deepEqual(first.object.columnDefinitions.map((c: { name: string }) => c.name), ["Name", "Replicas", "Size", "Age"]);
    assert.deepEqual(first.object.rows[0].cells.slice(0, 2), ["t1", 4]);
    assert.equal(first.object.rows[0].object.kind, "PartialObjectMetadata");
    assert.equal(second.object.columnDefinitions, null);
    assert.deepEqual(second.object.rows[0].cells.slice(0, 2), ["t2", 5]);
    stream.close();
  });

  it("sends PartialObjectMetadata events to metadata watchers", async () => {
    const rv = await currentRV();
    const stream = await watch(`${NS}?watch=1&resourceVersion=${rv}`, {
      Accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json",
    });
    await createWidget("pom");
    const event = await stream.next();
    assert.deepEqual(Object.keys(event.object).sort(), ["apiVersion", "kind", "metadata"]);
    assert.equal(event.object.kind, "PartialObjectMetadata");
    assert.equal(event.object.metadata.name, "pom");
    stream.close();
  });
});

// ---- a scripted storage -----------------------------------------------------------------

/** A shared event that remembers its encodings, like the watch cache's. */
class MemoEvent {
  encodes = 0;
  private readonly memo = new Map<string, Uint8Array>();
  constructor(
    readonly type: "ADDED",
    readonly object: KubeObject,
  ) {}
  encode(format: string, encode: (e: WatchEvent<KubeObject>) => Uint8Array): Uint8Array {
    let bytes = this.memo.get(format);
    if (bytes === undefined) {
      this.encodes++;
      bytes = encode(this);
      this.memo.set(format, bytes);
    }
    return bytes;
  }
}

interface ScriptedWatch {
  channel: EventChannel<WatchEvent<KubeObject>>;
  stopped: boolean;
}

function scriptedStorage(onWatch: () => Promise<Watch<KubeObject>> | Watch<KubeObject>): ResourceStorage<KubeObject> {
  const unused = () => Promise.reject(new Error("not used in this test"));
  const main: RESTStorage<KubeObject> = {
    definition: widgetDefinition,
    get: unused,
    list: unused,
    watch: async () => onWatch(),
    create: unused,
    update: unused,
    delete: unused,
    deleteCollection: unused,
  };
  return { main };
}

function newScriptedWatch(watches: ScriptedWatch[]): Watch<KubeObject> {
  const entry: ScriptedWatch = { channel: new EventChannel(100), stopped: false };
  watches.push(entry);
  return {
    stop: () => {
      entry.stopped = true;
      entry.channel.close();
    },
    [Symbol.asyncIterator]: () => entry.channel[Symbol.asyncIterator](),
  };
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(check(), what);
}

describe("watch with a scripted storage", () => {
  const watches: ScriptedWatch[] = [];
  let expireAtStart = false;
  let server: { url: string; close(): Promise<void> };
  const path = "/apis/example.com/v1/namespaces/s/widgets?watch=1";

  before(async () => {
    const storage = scriptedStorage(() => {
      if (expireAtStart) throw newResourceExpired("too old resource version: 1 (5)");
      return newScriptedWatch(watches);
    });
    server = await serveGroups([{ name: "example.com", versions: [{ version: "v1", resources: [storage] }] }]);
  });
  after(async () => {
    await server.close();
  });

  it("stops the storage watch when the client goes away", async () => {
    const stream = await openWatch(server.url, path);
    await eventually(() => watches.length === 1, "the storage watch started");
    stream.close();
    await eventually(() => watches[0]!.stopped, "the storage watch was stopped");
  });

  it("passes ERROR events through and ends the stream when the storage watch ends", async () => {
    const stream = await openWatch(server.url, path);
    await eventually(() => watches.length === 2, "the storage watch started");
    const w = watches[1]!;
    w.channel.push({ type: "BOOKMARK", object: { metadata: { resourceVersion: "9" } } });
    w.channel.push({ type: "ERROR", object: newResourceExpired("too old resource version: 1 (9)").status });
    w.channel.close();
    const bookmark = await stream.next();
    assert.deepEqual(bookmark.object, { apiVersion: "example.com/v1", kind: "Widget", metadata: { resourceVersion: "9" } });
    const error = await stream.next();
    assert.equal(error.type, "ERROR");
    assert.deepEqual(error.object, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "too old resource version: 1 (9)",
      reason: "Expired",
      code: 410,
    });
    await stream.ended;
  });

  it("answers a 410 at the start of a watch in-stream, as clients expect", async () => {
    expireAtStart = true;
    try {
      const stream = await openWatch(server.url, path);
      assert.equal(stream.status, 200);
      const event = await stream.next();
      assert.equal(event.type, "ERROR");
      assert.equal(event.object.code, 410);
      await stream.ended;
    } finally {
      expireAtStart = false;
    }
  });

  it("encodes an event shared by many watchers once per format", async () => {
    const before = watches.length;
    const plain = [await openWatch(server.url, path), await openWatch(server.url, path)];
    const tables = [await openWatch(server.url, path, { Accept: KUBECTL_GET }), await openWatch(server.url, path, { Accept: KUBECTL_GET })];
    await eventually(() => watches.length === before + 4, "four storage watches started");
    const obj: KubeObject = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "shared", resourceVersion: "3" } };
    const events = [new MemoEvent("ADDED", obj), new MemoEvent("ADDED", obj)];
    for (const w of watches.slice(before)) for (const e of events) w.channel.push(e);

    for (const s of plain) {
      assert.equal((await s.next()).object.metadata.name, "shared");
      assert.equal((await s.next()).object.metadata.name, "shared");
    }
    for (const s of tables) {
      assert.ok(Array.isArray((await s.next()).object.columnDefinitions), "the first Table event has headers");
      assert.equal((await s.next()).object.columnDefinitions, null);
    }
    // First event: one JSON encoding shared; each Table watcher encodes its own (headers).
    // Second event: one JSON encoding and one header-less Table encoding, both shared.
    assert.equal(events[0]!.encodes, 1);
    assert.equal(events[1]!.encodes, 2);
    for (const s of [...plain, ...tables]) s.close();
  });
});

describe("WatchEventEncoder and timeouts", () => {
  it("writes one JSON line per event", () => {
    const encoder = new WatchEventEncoder({ apiVersion: "example.com/v1", kind: "Widget" });
    const text = new TextDecoder().decode(encoder.encode({ type: "ADDED", object: { metadata: { name: "x" } } }));
    assert.equal(text, '{"type":"ADDED","object":{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"x"}}}\n');
  });

  it("makes a bookmark a Table without rows", () => {
    const encoder = new WatchEventEncoder({
      apiVersion: "example.com/v1",
      kind: "Widget",
      convert: { kind: "Table", version: "v1" },
      table: { columns: tableColumnsForDefinition(widgetDefinition), options: { includeObject: "Metadata" } },
    });
    const event = JSON.parse(new TextDecoder().decode(encoder.encode({ type: "BOOKMARK", object: { metadata: { resourceVersion: "5" } } })));
    assert.equal(event.type, "BOOKMARK");
    assert.deepEqual(event.object.rows, []);
    assert.deepEqual(event.object.metadata, { resourceVersion: "5" });
  });

  it("lasts timeoutSeconds, or a random 30 to 60 minutes", () => {
    assert.equal(watchTimeoutMs(5), 5000);
    assert.equal(watchTimeoutMs(undefined, () => 0), 30 * 60 * 1000);
    assert.equal(watchTimeoutMs(0, () => 0.5), 45 * 60 * 1000);
  });
});
