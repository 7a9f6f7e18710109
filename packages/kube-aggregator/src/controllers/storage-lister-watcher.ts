// Informers over storage: the aggregator's controllers read APIServices,
// Services, EndpointSlices and Endpoints from the chain's shared storage
// (the same watch cache the kube-apiserver serves them from), in process,
// without HTTP and without importing the server that serves them. The
// Informer is generic-apiserver's; this is where it lists and watches.

import type { KubeObject } from "@tskube/apimachinery";
import { Informer, type ListerWatcher, type Logger } from "@tskube/generic-apiserver";
import type { Storage } from "@tskube/storage";

export function storageListerWatcher<T extends KubeObject>(storage: Storage<T>, prefix: string): ListerWatcher<T> {
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

/** An informer of the resource whose keys start with `prefix` (`/services`). */
export function storageInformer<T extends KubeObject>(storage: Storage<T>, prefix: string, logger?: Logger): Informer<T> {
  return new Informer(storageListerWatcher(storage, prefix), prefix, logger ? { logger } : {});
}
