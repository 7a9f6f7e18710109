import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import { openTestStorage } from "../testing/registry.js";
import { WatchSet } from "./watch-set.js";

const PREFIX = "/example.com/widgets";
const widget = (name: string): KubeObject => ({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name, namespace: "default" } });

describe("WatchSet", () => {
  it("ends the watches opened through it, and forgets those that ended on their own", async () => {
    const storage = openTestStorage({ watchCache: true });
    try {
      const stored = storage.factory.storageFor<KubeObject>(PREFIX);
      const watches = new WatchSet();
      const tracked = watches.track(stored);

      // Everything but watch reaches the storage as it is.
      await tracked.create(`${PREFIX}/default/a`, widget("a"));
      assert.equal((await stored.get(`${PREFIX}/default/a`)).metadata.name, "a");
      assert.equal((await tracked.getList(PREFIX, { recursive: true })).items.length, 1);

      const first = await tracked.watch(PREFIX, { recursive: true, resourceVersion: "0" });
      const second = await tracked.watch(PREFIX, { recursive: true, resourceVersion: "0" });
      assert.equal(watches.size, 2);

      // One is stopped by its reader.
      second.stop();
      assert.equal(watches.size, 1);

      // stopAll ends the other: its iteration finishes after what it had.
      const seen: string[] = [];
      const reading = (async () => {
        for await (const event of first) seen.push(event.type === "ERROR" ? "ERROR" : `${event.type} ${event.object.metadata.name ?? ""}`);
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      watches.stopAll();
      await reading;
      assert.deepEqual(seen, ["ADDED a"]);
      assert.equal(watches.size, 0);
    } finally {
      await storage.close();
    }
  });
});
