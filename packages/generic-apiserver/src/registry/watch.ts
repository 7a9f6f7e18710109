// A storage watch as the registry hands it out: every object carries the
// definition's apiVersion and kind (bookmarks too, as upstream serializes them).

import type { KubeObject } from "@tskube/apimachinery";
import type { Watch, WatchEvent } from "@tskube/storage";

/**
 * A watch whose objects pass through `fn`; stopping it stops `source`.
 * When `fn` returns the object unchanged (it already had the right type
 * meta, as stored objects do), the original event is passed on as it is:
 * events from the watch cache are shared by every watcher and carry their
 * encoding, which must survive so each event is serialized only once.
 */
export function mapWatch<T extends KubeObject>(source: Watch<T>, fn: (obj: T) => T): Watch<T> {
  async function* events(): AsyncGenerator<WatchEvent<T>> {
    for await (const event of source) {
      if (event.type === "ERROR") {
        yield event;
        continue;
      }
      const object = fn(event.object);
      yield object === event.object ? event : { type: event.type, object };
    }
  }
  return {
    stop: () => source.stop(),
    [Symbol.asyncIterator]: events,
  };
}
