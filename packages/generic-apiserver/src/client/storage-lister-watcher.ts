// Informers over storage: a server of the chain reads another server's
// resources (the aggregator its APIServices, Services and endpoints; the
// service resolver Services and endpoints) from the chain's shared storage,
// the same watch cache they are served from, in process, without HTTP and
// without importing the server that serves them.

import type { KubeObject } from "@tskube/apimachinery";
import type { Storage } from "@tskube/storage";
import type { Logger } from "../server/logger.js";
import { Informer, type ListerWatcher } from "./informer.js";

function storageListerWatcher<T extends KubeObject>(storage: Storage<T>, prefix: string): ListerWatcher<T> {
  return {
    async list() {
      // From the watch cache: as fresh as the cache, which the watch then continues from.
      const list = await storage.getList(prefix, { resourceVersion: "0", recursive: true });
      return { items: list.items, resourceVersion: list.resourceVersion };
    },
    async watch(resourceVersion, signal) {
      const watch = await storage.watch(prefix, { resourceVersion, recursive: true });
      const stop = () => watch.stop();
      signal.addEventListener("abort", stop, { once: true });
      return (async function* () {
        try {
          yield* watch;
        } finally {
          signal.removeEventListener("abort", stop);
          watch.stop();
        }
      })();
    },
  };
}

/** An informer of the resource whose keys start with `prefix` (`/services`) in `storage`. */
export function storageInformer<T extends KubeObject>(storage: Storage<T>, prefix: string, logger?: Logger): Informer<T> {
  return new Informer(storageListerWatcher(storage, prefix), prefix, logger ? { logger } : {});
}
