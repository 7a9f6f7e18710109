// Where objects are kept (upstream: the etcd options of kube-apiserver):
// with --etcd-servers a real etcd cluster, otherwise the embedded store in
// --data-dir. One kv driver for every resource, with the compactor and the
// storage health check (`etcd`, in /healthz, /livez and /readyz) on it.

import type { HealthCheck, Logger } from "@tskube/generic-apiserver";
import { storageHealthCheck } from "@tskube/generic-apiserver";
import { StorageFactory } from "@tskube/kube-apiserver";
import { type Compactor, type KvDriver, createEtcd3Driver, openEmbeddedDriver, startCompactor } from "@tskube/storage";
import type { Options } from "./options/options.js";

export interface StorageBackend {
  kv: KvDriver;
  factory: StorageFactory;
  healthCheck: HealthCheck;
  /** For the startup log: `embedded store in /path` or `etcd at http://...`. */
  description: string;
  /** Stops the caches and the compactor, then closes the driver. */
  close(): Promise<void>;
}

export function openStorage(options: Options, logger: Logger): StorageBackend {
  const { servers, prefix, compactionIntervalMs, watchCache } = options.etcd;
  const kv: KvDriver = servers.length > 0 ? createEtcd3Driver({ endpoints: servers }) : openEmbeddedDriver({ dataDir: options.dataDir });
  const description = servers.length > 0 ? `etcd at ${servers.join(",")}` : `embedded store in ${options.dataDir}`;

  const factory = new StorageFactory({
    kv,
    pathPrefix: prefix,
    watchCache: { enabled: watchCache, cacher: { log: (message) => logger.info(`watch cache: ${message}`) } },
  });
  const compactor: Compactor = startCompactor(kv, {
    intervalMs: compactionIntervalMs,
    onError: (err) => logger.error("compaction failed (retried at the next interval)", err),
  });
  return {
    kv,
    factory,
    healthCheck: storageHealthCheck(() => kv.currentRevision()),
    description,
    async close() {
      compactor.stop();
      factory.destroy();
      await kv.close();
    },
  };
}
