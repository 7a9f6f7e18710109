// The core/v1 group as the server installs it: each definition on the shared storage.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "../../../registry/storage-factory.js";
import { EVENT_TTL_SECONDS } from "./event/definition.js";
import { coreAPIGroupInfo } from "./group.js";
import { createServiceAllocators } from "./service/allocation/index.js";

test("events are stored with a one-hour lease, other objects without one", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-core-group-"));
  const kv = openEmbeddedDriver({ dataDir });
  const factory = new StorageFactory({ kv, watchCache: { enabled: false } });
  try {
    const scope = { namespace: "default", dryRun: false, warnings: [] };
    const resources = coreAPIGroupInfo(factory, { serviceAllocators: createServiceAllocators({ storage: factory }) }).versions[0]?.resources ?? [];
    const storeOf = (resource: string) => {
      const found = resources.find((r) => r.main.definition.resource === resource);
      assert.ok(found, resource);
      return found.main;
    };
    const events = storeOf("events");
    await events.create(scope, {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "e1", namespace: "default" },
      involvedObject: { kind: "Pod", namespace: "default", name: "web" },
      reason: "Started",
      message: "started",
    });
    const configMaps = storeOf("configmaps");
    await configMaps.create(scope, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c1", namespace: "default" } });

    const event = await kv.get("/registry/events/default/e1");
    const configMap = await kv.get("/registry/configmaps/default/c1");
    // The embedded driver records a key's lease as its TTL in seconds.
    assert.equal(event.kv?.lease, EVENT_TTL_SECONDS);
    assert.equal(configMap.kv?.lease, 0);
  } finally {
    factory.destroy();
    await kv.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
