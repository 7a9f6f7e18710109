// The sample aggregated API server: a GenericAPIServer serving
// wardle.example.com/v1alpha1 (flunders and fischers) on the embedded store,
// with the BanFlunder admission plugin. This is all it takes to build an API
// server with the library; the aggregator then proxies
// /apis/wardle.example.com/v1alpha1 here once an APIService names this
// server's Service.

import {
  type GenericAPIServerConfig,
  GenericAPIServer,
  StorageFactory,
  storageHealthCheck,
} from "@tskube/generic-apiserver";
import { type KvDriver, openEmbeddedDriver } from "@tskube/storage";
import { BanFlunder } from "../admission/ban-flunder.js";
import { type WardleStorage, wardleAPIGroupInfo, wardleStorage } from "../apis/wardle/v1alpha1/group.js";

export interface SampleServerConfig {
  /** The generic server's configuration (serving, authentication, authorization, ...); `name` defaults to "sample-apiserver". */
  generic: Omit<GenericAPIServerConfig, "name"> & { name?: string };
  /** Where the embedded store keeps its data. */
  dataDir: string;
}

export interface SampleServer {
  server: GenericAPIServer;
  storage: WardleStorage;
  /** Shuts the server down, then closes the store. */
  close(): Promise<void>;
}

export function createSampleServer(config: SampleServerConfig): SampleServer {
  const kv: KvDriver = openEmbeddedDriver({ dataDir: config.dataDir });
  const factory = new StorageFactory({ kv });
  const storage = wardleStorage(factory);
  const server = new GenericAPIServer({
    ...config.generic,
    name: config.generic.name ?? "sample-apiserver",
    healthChecks: [storageHealthCheck(() => kv.currentRevision()), ...(config.generic.healthChecks ?? [])],
    admission: { plugins: [new BanFlunder(storage.fischers.main), ...(config.generic.admission?.plugins ?? [])] },
  });
  server.installAPIGroup(wardleAPIGroupInfo(storage));
  return {
    server,
    storage,
    async close() {
      await server.shutdown();
      factory.destroy();
      await kv.close();
    },
  };
}
