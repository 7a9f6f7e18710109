// On update, which old list item a new one corresponds to (upstream:
// CorrelatedObject): items of an x-kubernetes-list-type=map list by their
// key fields. Other lists do not correlate item by item.

import { isObject } from "./json.js";
import type { Structural } from "./structural.js";

/** For each new item of a map list, its old counterpart (or `missing`). */
export function correlateMapListItems<M>(s: Structural, items: readonly unknown[], old: unknown, missing: M): (unknown | M)[] {
  if (!Array.isArray(old) || s.xListType !== "map" || !s.xListMapKeys?.length) return items.map(() => missing);
  const keys = s.xListMapKeys;
  const keyOf = (v: unknown) => (isObject(v) ? JSON.stringify(keys.map((k) => v[k] ?? null)) : undefined);
  const byKey = new Map<string, unknown>();
  for (const o of old) {
    const k = keyOf(o);
    if (k !== undefined && !byKey.has(k)) byKey.set(k, o);
  }
  return items.map((v) => {
    const k = keyOf(v);
    return k !== undefined && byKey.has(k) ? byKey.get(k) : missing;
  });
}
