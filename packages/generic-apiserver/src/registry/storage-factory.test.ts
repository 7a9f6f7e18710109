import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "./storage-factory.js";

test("StorageFactory: one storage per resource prefix, shared by everyone who asks", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-storage-factory-"));
  const kv = openEmbeddedDriver({ dataDir });
  const factory = new StorageFactory({ kv });
  try {
    const services = factory.storageFor("/services");
    assert.equal(factory.storageFor("/services"), services);
    assert.notEqual(factory.storageFor("/configmaps"), services);
    // Written through one reader, seen by the other.
    await services.create("/services/default/a", { apiVersion: "v1", kind: "Service", metadata: { name: "a", namespace: "default" } });
    const again = factory.storageFor("/services");
    const got = await again.get("/services/default/a", {});
    assert.equal(got.metadata.name, "a");

    // Released: the next reader gets a new storage (and watch cache) over the same keys.
    factory.release("/services");
    const fresh = factory.storageFor("/services");
    assert.notEqual(fresh, services);
    assert.equal((await fresh.get("/services/default/a", {})).metadata.name, "a");
  } finally {
    factory.destroy();
    await kv.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
