// The shared storage conformance suite, with a cacher in front of each kv
// driver. The suite gives every test its own resource prefix
// (`/configmaps-1a2b3c4d/...`), so the stack keeps one cacher per resource, made
// on first use, the way the registry will have one per resource type.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KubeObject } from "@tskube/apimachinery";
import type {
  DeleteOptions,
  GetOptions,
  GuaranteedUpdateOptions,
  ListOptions,
  ListResult,
  Storage,
  Watch,
  WatchOptions,
} from "../interfaces.js";
import { openEmbeddedDriver } from "../kv/embedded/index.js";
import { createEtcd3Driver } from "../kv/etcd3/index.js";
import type { KvDriver } from "../kv/types.js";
import { Store } from "../store/store.js";
import { type ConformanceStack, type TestObject, runStorageConformance } from "../testing/conformance.js";
import { startEtcdServer } from "../testing/etcd-server.js";
import type { Cacher } from "./cacher.js";
import { newCacher } from "./create-storage.js";

/** A Storage that sends each key to the cacher of its resource (its first path segment). */
class CacherPerResource<T extends KubeObject> implements Storage<T> {
  private readonly cachers = new Map<string, Promise<Cacher<T>>>();

  constructor(private readonly store: Store<T>) {}

  private async cacherFor(key: string): Promise<Cacher<T>> {
    const resourcePrefix = `/${key.split("/")[1] ?? ""}`;
    let cacher = this.cachers.get(resourcePrefix);
    if (!cacher) {
      const c = newCacher(this.store, {
        resourcePrefix,
        // Short, so the "ahead of the cache" tests do not wait 3 s each.
        waitForFreshTimeoutMs: 500,
        log: () => {},
      });
      cacher = c.waitUntilReady(10_000).then(() => c);
      this.cachers.set(resourcePrefix, cacher);
    }
    return cacher;
  }

  /** What the stack's compact() does to the cachers; see Cacher.forgetHistoryBefore. */
  async forgetHistoryBefore(revision: number): Promise<void> {
    for (const cacher of this.cachers.values()) (await cacher).forgetHistoryBefore(revision);
  }

  async stop(): Promise<void> {
    for (const cacher of this.cachers.values()) (await cacher).stop();
  }

  async create(key: string, obj: T, opts?: { ttlSeconds?: number }): Promise<T> {
    return (await this.cacherFor(key)).create(key, obj, opts);
  }
  async delete(key: string, opts?: DeleteOptions<T>): Promise<T> {
    return (await this.cacherFor(key)).delete(key, opts);
  }
  get(key: string, opts?: GetOptions & { ignoreNotFound?: false }): Promise<T>;
  get(key: string, opts: GetOptions & { ignoreNotFound: true }): Promise<T | null>;
  get(key: string, opts?: GetOptions): Promise<T | null>;
  async get(key: string, opts?: GetOptions): Promise<T | null> {
    return (await this.cacherFor(key)).get(key, opts);
  }
  async getList(keyPrefix: string, opts?: ListOptions<T>): Promise<ListResult<T>> {
    return (await this.cacherFor(keyPrefix)).getList(keyPrefix, opts);
  }
  async watch(keyPrefix: string, opts?: WatchOptions<T>): Promise<Watch<T>> {
    return (await this.cacherFor(keyPrefix)).watch(keyPrefix, opts);
  }
  async guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions<T>): Promise<T> {
    return (await this.cacherFor(key)).guaranteedUpdate(key, opts);
  }
  async count(keyPrefix: string): Promise<number> {
    return (await this.cacherFor(keyPrefix)).count(keyPrefix);
  }
  currentResourceVersion(): Promise<number> {
    return this.store.currentResourceVersion();
  }
}

function cachedStack(kv: KvDriver, closeKv: () => Promise<void>): ConformanceStack {
  const storage = new CacherPerResource<TestObject>(new Store<TestObject>({ kv }));
  return {
    storage,
    compact: async () => {
      const revision = await kv.currentRevision();
      await kv.compact(revision);
      await storage.forgetHistoryBefore(revision);
      return revision;
    },
    close: async () => {
      await storage.stop();
      await closeKv();
    },
  };
}

runStorageConformance("cacher on the embedded driver", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cacher-conformance-"));
  const kv = openEmbeddedDriver({ dataDir: dir });
  return cachedStack(kv, async () => {
    await kv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

runStorageConformance("cacher on the etcd3 driver", async () => {
  const etcd = await startEtcdServer();
  const kv = createEtcd3Driver({ endpoints: etcd.endpoints });
  return cachedStack(kv, async () => {
    await kv.close();
    await etcd.destroy();
  });
});
