// A stored value that cannot be decoded: the error names its key, and the
// rest of the store keeps working. Decided behaviour for lists: the list
// fails as a whole (500) and names every bad key, as upstream does, rather
// than silently serving a partial list.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { isStatusError } from "@tskube/apimachinery";
import { interpretStorageError } from "../errors.js";
import { type EmbeddedDriver, openEmbeddedDriver } from "../kv/embedded/index.js";
import { configMap, type TestObject } from "../testing/conformance.js";
import { Store } from "./store.js";

describe("undecodable stored values", () => {
  let dataDir: string;
  let kv: EmbeddedDriver;
  let store: Store<TestObject>;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "tskube-corrupt-"));
    kv = openEmbeddedDriver({ dataDir });
    store = new Store<TestObject>({ kv });
  });
  after(async () => {
    await kv.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const asStatus = (err: unknown) => {
    const e = interpretStorageError(err, { group: "", resource: "configmaps" }, "x");
    assert.ok(isStatusError(e));
    return e.status;
  };

  it("get names the key; list fails naming every bad key; good keys still work", async () => {
    await store.create("/configmaps/ns/good", configMap("ns", "good"));
    await kv.create("/registry/configmaps/ns/bad1", new TextEncoder().encode("{not json"));
    await kv.create("/registry/configmaps/ns/bad2", new TextEncoder().encode("[1,2]"));

    const getErr = await store.get("/configmaps/ns/bad1").then(
      () => assert.fail("expected an error"),
      (err: unknown) => asStatus(err),
    );
    assert.equal(getErr.code, 500);
    assert.match(getErr.message ?? "", /"\/registry\/configmaps\/ns\/bad1"/);

    const listErr = await store.getList("/configmaps/ns/").then(
      () => assert.fail("expected an error"),
      (err: unknown) => asStatus(err),
    );
    assert.equal(listErr.code, 500);
    assert.match(listErr.message ?? "", /bad1.*bad2/);

    assert.equal((await store.get("/configmaps/ns/good")).metadata.name, "good");
    // A corrupt object can still be deleted by key, so an operator can repair the store.
    await store.delete("/configmaps/ns/bad1").catch(() => undefined);
    await kv.delete("/registry/configmaps/ns/bad1");
    await kv.delete("/registry/configmaps/ns/bad2");
    assert.deepEqual((await store.getList("/configmaps/ns/")).items.map((o) => o.metadata.name), ["good"]);
  });

  it("a watch that meets an undecodable value ends with an ERROR event naming the key", async () => {
    const start = await store.currentResourceVersion();
    const w = await store.watch("/configmaps/ns2/", { resourceVersion: String(start) });
    await kv.create("/registry/configmaps/ns2/bad", new TextEncoder().encode("\u0000garbage"));
    for await (const ev of w) {
      assert.equal(ev.type, "ERROR");
      if (ev.type === "ERROR") assert.match(ev.object.message ?? "", /\/registry\/configmaps\/ns2\/bad/);
      break;
    }
    w.stop();
  });
});
