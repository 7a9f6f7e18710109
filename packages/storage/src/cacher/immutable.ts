// Cached objects are shared: the index, the event history, every list result
// and every watcher hold the same object. They are frozen so that a caller who
// modifies one fails loudly (a TypeError in strict mode) instead of silently
// changing what everyone else sees. Copy before changing (structuredClone).

import type { KubeObject } from "@tskube/apimachinery";

/** Freeze `value` and everything reachable from it; returns it. */
export function deepFreeze<V>(value: V): V {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

/** A frozen copy of `obj` with another resourceVersion (everything else is shared). */
export function withResourceVersion<T extends KubeObject>(obj: T, revision: number): T {
  const metadata = Object.freeze({ ...obj.metadata, resourceVersion: String(revision) });
  return Object.freeze({ ...obj, metadata });
}
