// Defaulting (upstream: pkg/apiserver/schema/defaulting). Applied to a custom
// resource on create and update and when it is read from storage, after
// pruning. A `null` for a field that is not nullable counts as absent: it is
// replaced by the default, or removed when there is none.

import { deepCopy, isObject } from "./json.js";
import type { Structural } from "./structural.js";

const isNonNullableNull = (v: unknown, s: Structural | undefined) => v === null && s !== undefined && !s.nullable;

/** Fills in defaults in place. Default values are copied, never shared. */
export function applyDefaults(x: unknown, s: Structural | undefined): void {
  if (!s) return;
  if (isObject(x)) {
    for (const [k, prop] of Object.entries(s.properties ?? {})) {
      if (prop.default === undefined) continue;
      if (!Object.hasOwn(x, k) || isNonNullableNull(x[k], prop)) x[k] = deepCopy(prop.default);
    }
    for (const [k, v] of Object.entries(x)) {
      const prop = s.properties?.[k];
      if (prop) applyDefaults(v, prop);
      else if (s.additionalProperties?.schema) {
        const ap = s.additionalProperties.schema;
        if (isNonNullableNull(v, ap) && ap.default !== undefined) x[k] = deepCopy(ap.default);
        applyDefaults(x[k], ap);
      }
    }
  } else if (Array.isArray(x)) {
    x.forEach((v, i) => {
      if (isNonNullableNull(v, s.items) && s.items?.default !== undefined) x[i] = deepCopy(s.items.default);
      applyDefaults(x[i], s.items);
    });
  }
}

/**
 * Removes object fields that are null although their schema is not nullable
 * and has no default to put in their place (upstream:
 * PruneNonNullableNullsWithoutDefaults). Runs before applyDefaults.
 */
export function pruneNonNullableNulls(x: unknown, s: Structural | undefined): void {
  if (!s) return;
  if (isObject(x)) {
    for (const [k, v] of Object.entries(x)) {
      const prop = s.properties?.[k] ?? s.additionalProperties?.schema;
      if (!prop) continue;
      if (v === null && !prop.nullable && prop.default === undefined) delete x[k];
      else pruneNonNullableNulls(v, prop);
    }
  } else if (Array.isArray(x)) {
    for (const v of x) pruneNonNullableNulls(v, s.items);
  }
}
