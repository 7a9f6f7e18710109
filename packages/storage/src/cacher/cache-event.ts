// One change the cache saw, and what each watcher makes of it.
//
// A watcher with a selector sees transitions, as a store watch does: a change
// that makes an object match is ADDED, one that makes it stop matching is
// DELETED (carrying the previous state, at the change's resourceVersion), a
// change of a matching object is MODIFIED, and anything else is not sent.

import type { KubeObject } from "@tskube/apimachinery";
import type { SelectionPredicate } from "../interfaces.js";
import { predicateMatches } from "../store/predicate.js";
import { withResourceVersion } from "./immutable.js";
import { SharedWatchEvent } from "./shared-event.js";

export interface CacheEvent<T extends KubeObject> {
  /** The kv revision of the change (the resourceVersion watchers see). */
  readonly revision: number;
  readonly key: string;
  /** The object after the change; null when it was deleted. */
  readonly object: T | null;
  /** The object before the change (with its own resourceVersion); null when it was created. */
  readonly previous: T | null;
  /** When the cache recorded the change (Date.now()), for the history's minimum age. */
  readonly recordedAt: number;
}

/**
 * Turns one change into the events watchers receive, creating each kind
 * (ADDED, MODIFIED, DELETED) at most once: every watcher that gets the same
 * kind gets the same SharedWatchEvent, so it is encoded once.
 */
export class EventFanOut<T extends KubeObject> {
  private added: SharedWatchEvent<T> | undefined;
  private modified: SharedWatchEvent<T> | undefined;
  private deleted: SharedWatchEvent<T> | undefined;

  constructor(readonly change: CacheEvent<T>) {}

  /** The event a watcher selecting `predicate` gets, or null when the change is not its business. */
  eventFor(predicate: SelectionPredicate<T> | undefined): SharedWatchEvent<T> | null {
    const { object, previous } = this.change;
    const matchesNow = object !== null && predicateMatches(predicate, object);
    const matchedBefore = previous !== null && predicateMatches(predicate, previous);
    if (matchesNow && matchedBefore) return (this.modified ??= new SharedWatchEvent("MODIFIED", object));
    if (matchesNow) return (this.added ??= new SharedWatchEvent("ADDED", object));
    if (matchedBefore) return (this.deleted ??= new SharedWatchEvent("DELETED", this.lastState(previous)));
    return null;
  }

  /** A DELETED event carries the last state with the resourceVersion of the change that removed it. */
  private lastState(previous: T): T {
    const { revision } = this.change;
    return previous.metadata.resourceVersion === String(revision) ? previous : withResourceVersion(previous, revision);
  }
}
