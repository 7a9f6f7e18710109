// Watching objects straight from the kv store (upstream: storage/etcd3/watcher.go).
// The cacher serves most watches from memory; this is what it, and anyone
// running without a watch cache, is built on.
//
// - resourceVersion "N": every change after revision N.
// - "" or "0" (or sendInitialEvents=true): first the current objects as ADDED,
//   then every change after the revision they were read at.
// - A start revision that was compacted: one ERROR event (410 Expired), then the end.
// - Selectors see transitions: an object that stops matching is reported as
//   DELETED, one that starts matching as ADDED.

import { type KubeObject, type Status, isStatusError, newInternalError, newResourceExpired } from "@tskube/apimachinery";
import { interpretStorageError } from "../errors.js";
import type { Watch, WatchEvent, WatchOptions } from "../interfaces.js";
import { CompactedError } from "../kv/errors.js";
import type { KvDriver, KvEvent, KvWatch } from "../kv/types.js";
import { EventChannel } from "../watch/channel.js";
import { decodeObject } from "./codec.js";
import { listObjects } from "./list.js";
import { predicateMatches, scopeKeyPrefix } from "./predicate.js";
import { parseResourceVersion } from "./resource-version.js";

/** Events a watcher may fall behind by before the watch is ended with an error. */
const WATCH_BUFFER = 10_000;

export const INITIAL_EVENTS_END_ANNOTATION = "k8s.io/initial-events-end";

export async function watchObjects<T extends KubeObject>(
  kv: KvDriver,
  fullPrefix: string,
  opts: WatchOptions<T>,
): Promise<Watch<T>> {
  const recursive = opts.recursive ?? true;
  const keyPrefix = scopeKeyPrefix(fullPrefix, recursive);
  const fromRV = parseResourceVersion(opts.resourceVersion);
  const initialEvents = opts.sendInitialEvents ?? fromRV === 0;
  const pred = opts.predicate;

  let kvWatch: KvWatch | null = null;
  const channel = new EventChannel<WatchEvent<T>>(WATCH_BUFFER, () => kvWatch?.cancel());
  const fail = (status: Status) => {
    channel.pushForce({ type: "ERROR", object: status });
    channel.close();
  };

  let startRev = fromRV + 1;
  if (initialEvents) {
    // The current state, then changes after the revision it was read at.
    const list = await listObjects<T>(kv, keyPrefix, { recursive, ...(pred ? { predicate: { ...pred, limit: 0, continue: "" } } : {}) });
    for (const obj of list.items) channel.pushForce({ type: "ADDED", object: obj });
    const listRev = Number(list.resourceVersion);
    if (opts.sendInitialEvents && opts.allowWatchBookmarks) {
      channel.pushForce({ type: "BOOKMARK", object: bookmarkObject<T>(listRev, true) });
    }
    startRev = listRev + 1;
  } else if (fromRV === 0) {
    // sendInitialEvents=false with no resourceVersion: changes from now on.
    startRev = 0;
  }

  const toEvent = (e: KvEvent): WatchEvent<T> | null => {
    if (!recursive && e.kv.key !== keyPrefix) return null;
    const cur = e.type === "put" ? decodeObject<T>(e.kv.key, e.kv.value, e.kv.modRevision) : null;
    // The previous state carries the revision of this event, as upstream does for DELETED.
    const prev = e.prevKv ? decodeObject<T>(e.kv.key, e.prevKv.value, e.kv.modRevision) : null;
    const curMatches = cur !== null && predicateMatches(pred, cur);
    const prevMatches = prev !== null && predicateMatches(pred, prev);
    if (curMatches && prevMatches) return { type: "MODIFIED", object: cur };
    if (curMatches) return { type: "ADDED", object: cur };
    if (prevMatches) return { type: "DELETED", object: prev };
    return null;
  };

  kvWatch = kv.watch(keyPrefix, startRev, {
    onEvents(events) {
      for (const e of events) {
        let event: WatchEvent<T> | null;
        try {
          event = toEvent(e);
        } catch (err) {
          fail(statusOf(err)); // e.g. a value that cannot be decoded: the error names its key
          return;
        }
        if (event && !channel.push(event)) {
          fail(newInternalError(new Error(`watch of ${keyPrefix} fell more than ${WATCH_BUFFER} events behind`)).status);
          return;
        }
      }
    },
    onError(err) {
      if (err instanceof CompactedError) {
        fail(newResourceExpired("The resourceVersion for the provided watch is too old.").status);
      } else {
        fail(statusOf(err));
      }
    },
  });

  return {
    stop: () => channel.close(),
    [Symbol.asyncIterator]: () => channel[Symbol.asyncIterator](),
  };
}

/** The Status an ERROR event carries for a failure. */
function statusOf(err: unknown): Status {
  const apiErr = interpretStorageError(err, { group: "", resource: "" }, "", "watch");
  return isStatusError(apiErr) ? apiErr.status : newInternalError(err).status;
}

/** A BOOKMARK's object: only metadata.resourceVersion (and the initial-events-end annotation). */
export function bookmarkObject<T extends KubeObject>(revision: number, initialEventsEnd = false): T {
  const metadata: KubeObject["metadata"] = { resourceVersion: String(revision) };
  if (initialEventsEnd) metadata.annotations = { [INITIAL_EVENTS_END_ANNOTATION]: "true" };
  return { metadata } as T;
}
