// The watches one build of a CRD's stores opened, so they can be ended when
// the CRD changes. Upstream's crdHandler tears down the old storage of a
// CRD whose spec or accepted names changed, which ends the watches on it;
// clients (informers, `kubectl get -w`) then watch again and get objects as
// the new definition serves them (pruned and defaulted by the new schema,
// converted by the new strategy). Without this, a watch opened before the
// change would go on with the old definition for as long as it lasts.
//
// The objects' storage and its watch cache are not involved: they are the
// same before and after the change; only the views of this build are ended.

import type { KubeObject } from "@tskube/apimachinery";
import type { Storage, Watch } from "@tskube/storage";

export class WatchSet {
  private readonly open = new Set<Watch<KubeObject>>();

  /** `storage`, whose watches are kept here until they stop or `stopAll()`. */
  track(storage: Storage<KubeObject>): Storage<KubeObject> {
    const watch: Storage<KubeObject>["watch"] = async (keyPrefix, opts) => {
      const inner = await storage.watch(keyPrefix, opts);
      const open = this.open;
      const tracked: Watch<KubeObject> = {
        stop() {
          open.delete(tracked);
          inner.stop();
        },
        async *[Symbol.asyncIterator]() {
          try {
            yield* inner;
          } finally {
            open.delete(tracked);
          }
        },
      };
      open.add(tracked);
      return tracked;
    };
    // Everything but watch goes straight to the storage.
    return {
      create: (key, obj, opts) => storage.create(key, obj, opts),
      delete: (key, opts) => storage.delete(key, opts),
      get: storage.get.bind(storage),
      getList: (keyPrefix, opts) => storage.getList(keyPrefix, opts),
      watch,
      guaranteedUpdate: (key, opts) => storage.guaranteedUpdate(key, opts),
      count: (keyPrefix) => storage.count(keyPrefix),
      currentResourceVersion: () => storage.currentResourceVersion(),
    };
  }

  /** How many tracked watches are open. */
  get size(): number {
    return this.open.size;
  }

  /** Ends every open watch (their iterations finish, as after `stop()`). */
  stopAll(): void {
    for (const watch of [...this.open]) watch.stop();
  }
}
