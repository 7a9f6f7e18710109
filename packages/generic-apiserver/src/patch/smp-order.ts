// Where the elements of a merged list end up. Strategic merge patch keeps
// three orders in mind, in this precedence (upstream's design proposal
// "preserve order in strategic merge patch"):
//
//   1. `$setElementOrder/<field>` when the patch has one,
//   2. the order of the elements in the patch list,
//   3. the order of the live (server) list for elements the patch does not mention.
//
// The merged list is split into the elements the order list mentions and
// the server-only ones; each part is sorted by its own order, then the two
// are interleaved so that a server-only element stays in front of a
// patched element it preceded on the server.
//
// Lists of maps compare elements by their merge key; lists of scalars
// compare the values. `mergeKey` is "" for the latter.

import { errNoListOfLists, newPatchFailure } from "./errors.js";
import { goFormat, goTypeName } from "./go-format.js";
import { getOwn, hasOwn, isJsonObject, jsonEqual, type JsonValue } from "./json.js";
import { DIRECTIVE_MARKER } from "./smp-directives.js";

export type ElementKind = "object" | "scalar" | "empty";

/**
 * What the elements of the given lists are. All must be of one type: lists
 * of lists are rejected (422, as upstream), and so are mixed lists.
 */
export function elementKind(...lists: readonly JsonValue[][]): ElementKind {
  let first: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      const type = item === null ? "null" : Array.isArray(item) ? "array" : typeof item;
      if (first === undefined) {
        if (type === "array") throw errNoListOfLists();
        first = type;
      } else if (type !== first) {
        throw newPatchFailure(`list element types are not identical: ${goFormat(lists.map((list) => [...list]))}`);
      }
    }
  }
  if (first === undefined) return "empty";
  return first === "object" ? "object" : "scalar";
}

/** The value of an element's merge key; the element must be a map that has it (500 otherwise, as upstream). */
export function mergeKeyValue(element: JsonValue, mergeKey: string): JsonValue {
  if (!isJsonObject(element)) {
    throw newPatchFailure(`expected a map[string]interface {}, but received a ${goTypeName(element)}`);
  }
  if (!hasOwn(element, mergeKey)) {
    throw newPatchFailure(`map: ${goFormat(element)} does not contain declared merge key: ${mergeKey}`);
  }
  return element[mergeKey] as JsonValue;
}

/** Whether a list element has the given merge key value. */
export function hasMergeKeyValue(element: JsonValue, mergeKey: string, value: JsonValue): boolean {
  return isJsonObject(element) && hasOwn(element, mergeKey) && jsonEqual(element[mergeKey] as JsonValue, value);
}

/** Position of `item` in `list` (by merge key for maps), or -1. */
function indexIn(list: readonly JsonValue[], item: JsonValue, mergeKey: string): number {
  if (mergeKey === "") return list.findIndex((candidate) => jsonEqual(candidate, item));
  const key = isJsonObject(item) ? getOwn(item, mergeKey) : undefined;
  if (key === undefined) return -1;
  return list.findIndex((candidate) => hasMergeKeyValue(candidate, mergeKey, key));
}

/**
 * Checks that the patch list and `$setElementOrder` agree: the patch's
 * elements (deletions aside) must appear in the order list, in the same
 * relative order. Upstream reports a mismatch as a plain error (500).
 */
export function checkSetElementOrder(patchList: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const elements = patchList.filter((item) => {
    if (mergeKey === "") return true;
    if (!isJsonObject(item)) throw newPatchFailure(`expected a map[string]interface {}, but received a ${goTypeName(item)}`);
    return getOwn(item, DIRECTIVE_MARKER) !== "delete";
  });
  // Walk both lists: each patch element must be found further down the order list.
  let p = 0;
  let o = 0;
  while (p < elements.length && o < order.length) {
    const element = elements[p] as JsonValue;
    if (isJsonObject(element) && hasOwn(element, DIRECTIVE_MARKER)) {
      p++; // a `$patch: replace` marker is not an element
      continue;
    }
    const wanted = order[o] as JsonValue;
    const same =
      mergeKey === ""
        ? jsonEqual(element, wanted)
        : jsonEqual(mergeKeyValue(element, mergeKey), mergeKeyValue(wanted, mergeKey));
    if (same) p++;
    o++;
  }
  if (p < elements.length) {
    throw newPatchFailure(
      `The order in patch list:\n${goFormat([...patchList])}\n doesn't match $setElementOrder list:\n${goFormat([...order])}\n`,
    );
  }
}

/**
 * Puts the elements of `merged` in their final order: the ones `order`
 * mentions in that order, interleaved with the others in their server order.
 */
export function enforceOrder(
  merged: readonly JsonValue[],
  order: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
): JsonValue[] {
  const mentioned: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const item of merged) (isMentioned(item, order, mergeKey) ? mentioned : serverOnly).push(item);
  return interleave(sortByOrder(serverOnly, serverOrder, mergeKey), sortByOrder(mentioned, order, mergeKey), serverOrder, mergeKey);
}

function isMentioned(item: JsonValue, order: readonly JsonValue[], mergeKey: string): boolean {
  if (mergeKey === "") return order.some((candidate) => jsonEqual(candidate, item));
  const key = mergeKeyValue(item, mergeKey);
  return order.some((candidate, index) => {
    if (!isJsonObject(candidate)) throw newPatchFailure(`value for key ${index} is not a map.`);
    return hasMergeKeyValue(candidate, mergeKey, key);
  });
}

/** `items` sorted by their position in `order` (stable; items `order` lacks go last). */
function sortByOrder(items: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string): JsonValue[] {
  if (mergeKey !== "") {
    for (const item of [...items, ...order]) mergeKeyValue(item, mergeKey); // every element needs its merge key
  }
  const position = (item: JsonValue): number => {
    const index = indexIn(order, item, mergeKey);
    return index < 0 ? Number.POSITIVE_INFINITY : index;
  };
  return items
    .map((item) => ({ item, position: position(item) }))
    .sort((a, b) => (a.position === b.position ? 0 : a.position < b.position ? -1 : 1))
    .map(({ item }) => item);
}

/**
 * Merges the sorted server-only elements into the sorted patch elements: a
 * server-only element goes first when the server list had it before the
 * patch element; otherwise the patch element goes first.
 */
function interleave(
  serverOnly: readonly JsonValue[],
  patched: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patched.length) {
    if (j >= patched.length) {
      out.push(serverOnly[i++] as JsonValue);
    } else if (i >= serverOnly.length) {
      out.push(patched[j++] as JsonValue);
    } else {
      const left = indexIn(serverOrder, serverOnly[i] as JsonValue, mergeKey);
      const right = indexIn(serverOrder, patched[j] as JsonValue, mergeKey);
      out.push(left >= 0 && right >= 0 && left < right ? (serverOnly[i++] as JsonValue) : (patched[j++] as JsonValue));
    }
  }
  return out;
}
