import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import { ResourceKeys } from "./key-scope.js";
import { ObjectIndex } from "./object-index.js";

const keys = new ResourceKeys("/pods");
const pod = (name: string): KubeObject => ({ metadata: { name } });

function keysIn(index: ObjectIndex<KubeObject>, prefix: string, recursive = true, startKey = ""): string[] {
  const run = index.keysIn(keys.scopeOf(prefix, recursive), startKey);
  const out: string[] = [];
  for (let i = run.from; i < run.to; i++) out.push(run.keys.at(i));
  return out;
}

describe("ResourceKeys", () => {
  it("tells a namespace prefix from the whole resource, a deeper prefix and one key", () => {
    assert.deepEqual(keys.scopeOf("/pods", true), { kind: "all", prefix: "/pods/" });
    assert.deepEqual(keys.scopeOf("/pods/ns", true), { kind: "namespace", prefix: "/pods/ns/", namespace: "ns" });
    assert.deepEqual(keys.scopeOf("/pods/ns/a", true), { kind: "prefix", prefix: "/pods/ns/a/" });
    assert.deepEqual(keys.scopeOf("/pods/ns/a", false), { kind: "key", key: "/pods/ns/a", namespace: "ns" });
    assert.throws(() => keys.scopeOf("/services/ns/", true), /not under/);
    assert.equal(keys.namespaceOf("/pods/ns/a"), "ns");
    assert.equal(keys.namespaceOf("/pods/cluster-scoped"), "");
  });
});

describe("ObjectIndex", () => {
  it("keeps keys sorted, overall and per namespace, through inserts and deletes", () => {
    const index = new ObjectIndex<KubeObject>(keys);
    for (const key of ["/pods/b/2", "/pods/a/1", "/pods/a-b/3", "/pods/a/0", "/pods/b/1"]) index.set(key, pod(key));
    assert.deepEqual(keysIn(index, "/pods/"), ["/pods/a-b/3", "/pods/a/0", "/pods/a/1", "/pods/b/1", "/pods/b/2"]);
    assert.deepEqual(keysIn(index, "/pods/a"), ["/pods/a/0", "/pods/a/1"]);
    assert.deepEqual(keysIn(index, "/pods/a/", true, "/pods/a/0\0"), ["/pods/a/1"], "a page starts after the last key");
    assert.deepEqual(keysIn(index, "/pods/b/1", false), ["/pods/b/1"]);
    assert.deepEqual(keysIn(index, "/pods/b/9", false), []);

    const replaced = pod("new");
    assert.equal(index.set("/pods/a/0", replaced)?.metadata.name, "/pods/a/0", "set returns what was there");
    assert.equal(index.get("/pods/a/0"), replaced);
    assert.equal(index.delete("/pods/a/0")?.metadata.name, "new");
    assert.equal(index.delete("/pods/a/0"), undefined);
    index.delete("/pods/a/1");
    assert.deepEqual(keysIn(index, "/pods/a/"), []);
    assert.equal(index.size, 3);
    index.clear();
    assert.deepEqual(keysIn(index, "/pods/"), []);
  });
});
