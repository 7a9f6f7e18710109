// What a new watcher is sent before the live events, produced lazily (as the
// client reads) from arrays of shared, immutable objects and events: a
// watcher that starts with 10,000 objects holds 10,000 references, not
// 10,000 encoded events.

import type { KubeObject } from "@tskube/apimachinery";
import type { SelectionPredicate, WatchEvent } from "../interfaces.js";
import { type CacheEvent, EventFanOut } from "./cache-event.js";
import { type KeyScope, scopeContains } from "./key-scope.js";
import { SharedWatchEvent } from "./shared-event.js";

/** The current state as ADDED events, then (for sendInitialEvents with bookmarks) the initial-events-end bookmark. */
export function* initialStateEvents<T extends KubeObject>(
  objects: T[],
  endBookmark: SharedWatchEvent<T> | null,
): Generator<WatchEvent<T>, void, undefined> {
  for (const object of objects) yield new SharedWatchEvent("ADDED", object);
  if (endBookmark) yield endBookmark;
}

/** Past changes replayed from the history, as this watcher's scope and selection see them. */
export function* replayedEvents<T extends KubeObject>(
  changes: CacheEvent<T>[],
  scope: KeyScope,
  predicate: SelectionPredicate<T> | undefined,
): Generator<WatchEvent<T>, void, undefined> {
  for (const change of changes) {
    if (!scopeContains(scope, change.key)) continue;
    const event = new EventFanOut(change).eventFor(predicate);
    if (event) yield event;
  }
}
