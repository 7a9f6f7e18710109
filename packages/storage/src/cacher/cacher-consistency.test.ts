// Consistent lists (resourceVersion "") never return data older than a write
// that was acknowledged before the list began, on both kv drivers, while other
// writers keep the store's revision moving (some of them on other resources,
// which the cache never sees events for).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEtcd3Driver } from "../kv/etcd3/index.js";
import type { KvDriver } from "../kv/types.js";
import { Store } from "../store/store.js";
import { configMap, type TestObject } from "../testing/conformance.js";
import { startEtcdServer } from "../testing/etcd-server.js";
import { newCacher } from "./create-storage.js";
import { openTestStore } from "./test-support.js";

const ROUNDS = 150;

async function checkConsistentLists(kv: KvDriver): Promise<void> {
  const store = new Store<TestObject>({ kv });
  const cacher = newCacher(store, { resourcePrefix: "/configmaps", log: () => {} });
  try {
    assert.ok(await cacher.waitUntilReady(10_000));
    await store.create("/configmaps/ns/counter", configMap("ns", "counter", { n: "0" }));

    // Noise: writes to another resource, and to this one, all the time.
    let running = true;
    const noise = (async () => {
      for (let i = 0; running; i++) {
        await store.create(`/secrets/ns/s${i}`, configMap("ns", `s${i}`));
        await store.create(`/configmaps/noise/n${i}`, configMap("noise", `n${i}`));
      }
    })();

    try {
      for (let i = 1; i <= ROUNDS; i++) {
        // Written straight to the store (not through the cacher, which would wait for its cache).
        const written = await store.guaranteedUpdate("/configmaps/ns/counter", {
          tryUpdate: (cur) => ({ ...cur!, data: { n: String(i) } }),
        });
        const list = await cacher.getList("/configmaps/ns/", { resourceVersion: "" });
        const counter = list.items.find((o) => o.metadata.name === "counter");
        assert.equal(counter?.data?.n, String(i), `round ${i}: the list shows the acknowledged write`);
        assert.ok(Number(list.resourceVersion) >= Number(written.metadata.resourceVersion));
      }
    } finally {
      running = false;
      await noise;
    }
  } finally {
    cacher.stop();
  }
}

describe("Cacher consistent lists", () => {
  it("see every acknowledged write: embedded driver", async () => {
    const t = openTestStore<TestObject>();
    try {
      await checkConsistentLists(t.kv);
    } finally {
      await t.close();
    }
  });

  it("see every acknowledged write: etcd3 driver", async () => {
    const etcd = await startEtcdServer();
    const kv = createEtcd3Driver({ endpoints: etcd.endpoints });
    try {
      await checkConsistentLists(kv);
    } finally {
      await kv.close();
      await etcd.destroy();
    }
  });
});
