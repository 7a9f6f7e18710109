// The directives a strategic merge patch may carry besides plain fields
// (upstream: apimachinery util/strategicpatch), and the small rules around them:
//
//   $patch: replace | delete        on a map: replace it with the patch / empty it;
//                                   on a list element: replace the whole list /
//                                   delete the element with this merge key
//   $retainKeys: [a, b]             keep only these fields of the map
//   $deleteFromPrimitiveList/f: [x] remove these values from the list of scalars f
//   $setElementOrder/f: [...]       the order the list f must end up in
//                                   (kubectl apply sends it for every changed list)

import type { StatusError } from "@tskube/apimachinery";
import {
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  newPatchFailure,
} from "./errors.js";
import { getOwn, hasOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from "./json.js";

export const DIRECTIVE_MARKER = "$patch";
export const RETAIN_KEYS_DIRECTIVE = "$retainKeys";
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = "$deleteFromPrimitiveList";
export const SET_ELEMENT_ORDER_PREFIX = "$setElementOrder";

/** True for the keys that are directives rather than fields. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === DIRECTIVE_MARKER ||
    key === RETAIN_KEYS_DIRECTIVE ||
    key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) ||
    key.startsWith(SET_ELEMENT_ORDER_PREFIX)
  );
}

/** The field a parallel-list directive is about: `$setElementOrder/containers` -> `containers`. */
export function directiveTarget(key: string, prefix: typeof DELETE_FROM_PRIMITIVE_LIST_PREFIX | typeof SET_ELEMENT_ORDER_PREFIX): string {
  const slash = key.indexOf("/");
  if (slash < 0 || key.slice(0, slash) !== prefix) throw badFormat(prefix);
  return key.slice(slash + 1);
}

function badFormat(prefix: string): StatusError {
  return prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX
    ? errBadPatchFormatForPrimitiveList()
    : errBadPatchFormatForSetElementOrderList();
}

/**
 * The strategy that decides how a field merges, from the field's strategies:
 * "merge" (lists by key or as sets), "replace" (maps replaced whole) or ""
 * (the default: maps merge, lists are replaced). "retainKeys" does not change
 * how a patch is applied, only how clients build patches (they add
 * `$retainKeys`), so it is dropped here; at most one other strategy may go with it.
 */
export function mergeStrategy(strategies: readonly string[]): string {
  const others = strategies.filter((s) => s !== "retainKeys");
  if (others.length <= 1 && strategies.length <= 2) return others[0] ?? "";
  throw newPatchFailure(`unexpected patch strategy: [${strategies.join(" ")}]`);
}

/**
 * `$retainKeys`: every field of the patch map must be listed (400 otherwise,
 * nulls and directives aside), and the fields of `original` that are not
 * listed are removed before the patch is merged. The directive is removed from `patch`.
 */
export function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retained = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retained)) throw errBadPatchFormatForRetainKeys();

  const keep = new Set(retained.filter((key): key is string => typeof key === "string"));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || key.startsWith(SET_ELEMENT_ORDER_PREFIX)) {
      continue;
    }
    if (!keep.has(key)) throw errBadPatchFormatForRetainKeys();
  }
  for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

/**
 * A value taken from the patch where there is nothing to merge it with (a
 * new field, a list that replaces the old one, a new list element). Nulls are
 * dropped, as upstream does for new values, and so are directives, which
 * have nothing to act on: a map marked `$patch: delete` becomes {}, list
 * elements carrying `$patch` disappear, other directive keys are removed.
 */
export function valueFromPatch(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.filter((item) => !(isJsonObject(item) && hasOwn(item, DIRECTIVE_MARKER))).map(valueFromPatch);
  }
  if (!isJsonObject(value)) return value;
  if (getOwn(value, DIRECTIVE_MARKER) === "delete") return {};
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && !isDirectiveKey(key)) setOwn(out, key, valueFromPatch(item));
  }
  return out;
}
