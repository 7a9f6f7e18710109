// Strategic merge patch, `application/strategic-merge-patch+json`: a JSON
// merge patch that knows the object's schema. What kubectl sends for
// built-in kinds (`kubectl apply`, `kubectl patch`, `kubectl edit`).
//
// Like a JSON merge patch: maps merge key by key, `null` deletes a field,
// scalars replace. Unlike it, a list whose schema says
// `x-kubernetes-patch-strategy: merge` is merged instead of replaced:
// lists of maps by the value of `x-kubernetes-patch-merge-key` (containers
// by name, ports by containerPort), lists of scalars as sets. Directives
// (smp-directives.ts) delete, replace and reorder; smp-order.ts decides
// the order of merged lists. Where the schema says nothing (free-form maps
// such as labels, unknown fields) the subtree merges like a JSON merge patch.
//
// Upstream: apimachinery util/strategicpatch (mergeMap, mergeSlice), called
// by the PATCH handler on the object's JSON map. Errors keep upstream's codes
// (errors.ts): malformed directives are 400, lists of lists 422, and the
// errors upstream leaves as plain Go errors (a list element without its
// merge key, an unknown `$patch` value) are 500 with upstream's text.

import { newBadRequest } from "@tskube/apimachinery";
import { errBadPatchFormatForPrimitiveList, newPatchFailure } from "./errors.js";
import { goFormat, goJsonKind, goTypeName } from "./go-format.js";
import { getOwn, hasOwn, isJsonObject, jsonEqual, setOwn, toJson, type JsonObject, type JsonValue } from "./json.js";
import { elementSchema, fieldPatchInfo, type FieldPatchInfo, type Schema } from "./schema-walker.js";
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  SET_ELEMENT_ORDER_PREFIX,
  applyRetainKeys,
  directiveTarget,
  mergeStrategy,
  valueFromPatch,
} from "./smp-directives.js";
import { checkSetElementOrder, elementKind, enforceOrder, hasMergeKeyValue, mergeKeyValue } from "./smp-order.js";

/**
 * Applies a strategic merge patch to the JSON encoding of `doc`. `patch` is
 * the decoded request body; `schema` is the zod schema of the object's kind,
 * whose `.meta()` carries the patch strategies and merge keys.
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, schema: Schema | undefined): JsonObject {
  const original = toJson(doc);
  if (!isJsonObject(original)) throw newPatchFailure(`expected an object to patch, got ${goJsonKind(original)}`);
  // Upstream decodes the body into a map: `null` leaves it empty, anything but an object is a 400.
  if (patch === null || patch === undefined) return original;
  const patchMap = toJson(patch);
  if (!isJsonObject(patchMap)) {
    throw newBadRequest(`json: cannot unmarshal ${goJsonKind(patchMap)} into Go value of type map[string]interface {}`);
  }
  return mergeMap(original, patchMap, schema);
}

/** Merges `patch` into `original` (both ours to mutate) and returns the result. */
function mergeMap(original: JsonObject, patch: JsonObject, schema: Schema | undefined): JsonObject {
  if (hasOwn(patch, DIRECTIVE_MARKER)) return mapDirective(patch);

  applyRetainKeys(original, patch);
  applySetElementOrders(original, patch, schema);

  for (const [patchKey, patchValue] of Object.entries(patch)) {
    const isDeletionList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
    const key = isDeletionList ? directiveTarget(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX) : patchKey;
    if (isDeletionList && !Array.isArray(patchValue)) throw errBadPatchFormatForPrimitiveList();

    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const current = getOwn(original, key);
    if (current === undefined || current === null || kindOf(current) !== kindOf(patchValue)) {
      // Nothing to merge with: take the patch's value (a deletion list has nothing to delete from).
      if (!isDeletionList) setOwn(original, key, valueFromPatch(patchValue));
      continue;
    }
    setOwn(original, key, mergeField(current, patchValue, fieldPatchInfo(schema, key), isDeletionList));
  }
  return original;
}

/** Two values merge only when both are maps or both are lists; anything else is replaced. */
function kindOf(value: JsonValue): "map" | "list" | "scalar" {
  return Array.isArray(value) ? "list" : isJsonObject(value) ? "map" : "scalar";
}

/** Merges a patch value into a current value of the same kind, following the field's strategy. */
function mergeField(current: JsonValue, patchValue: JsonValue, field: FieldPatchInfo, isDeletionList: boolean): JsonValue {
  const strategy = mergeStrategy(field.strategies);
  if (isJsonObject(current) && isJsonObject(patchValue)) {
    return strategy === "replace" ? valueFromPatch(patchValue) : mergeMap(current, patchValue, field.schema);
  }
  if (Array.isArray(current) && Array.isArray(patchValue)) {
    // `$deleteFromPrimitiveList` works whatever the field's strategy, as in current upstream.
    if (strategy === "merge" || isDeletionList) return mergeList(current, patchValue, field, isDeletionList);
    return valueFromPatch(patchValue);
  }
  return patchValue;
}

/** `$patch` on a map: `replace` keeps only what the patch says, `delete` empties the map. */
function mapDirective(patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE_MARKER];
  if (directive === "replace") return valueFromPatch(patch) as JsonObject;
  if (directive === "delete") return {};
  throw newPatchFailure(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
}

/**
 * Merges a list with strategy "merge". Lists of scalars are merged as sets
 * (or, for `$deleteFromPrimitiveList`, have values removed); lists of maps
 * are merged element by element, matching elements by the merge key.
 */
function mergeList(current: JsonValue[], patchList: JsonValue[], field: FieldPatchInfo, isDeletionList: boolean): JsonValue[] {
  if (current.length === 0 && patchList.length === 0) return current;
  const kind = elementKind(current, patchList);

  if (kind !== "object") {
    if (isDeletionList) return current.filter((item) => !patchList.some((gone) => jsonEqual(gone, item)));
    const union = withoutDuplicates([...current, ...patchList]);
    return enforceOrder(union, patchList, current, "");
  }

  if (isDeletionList) throw errBadPatchFormatForPrimitiveList();
  const mergeKey = field.mergeKey;
  if (mergeKey === "") {
    const elementType = elementSchema(field.schema)?._zod.def.type === "record" ? "map" : "struct";
    throw newPatchFailure(`cannot merge lists without merge key for type ${elementType}`);
  }
  const { remaining, elements } = applyElementDirectives(current, patchList, mergeKey);
  const merged = mergeElements(remaining, elements, mergeKey, elementSchema(field.schema));
  return enforceOrder(merged, elements, remaining, mergeKey);
}

/**
 * Handles the list elements that carry `$patch`: `delete` removes every
 * current element with that merge key; `replace` makes the list exactly
 * the patch's other elements. Returns what is left of the current list and
 * the patch elements still to merge.
 */
function applyElementDirectives(
  current: JsonValue[],
  patchList: JsonValue[],
  mergeKey: string,
): { remaining: JsonValue[]; elements: JsonObject[] } {
  let remaining = current;
  const elements: JsonObject[] = [];
  let replace = false;
  for (const element of patchList.filter(isJsonObject)) {
    if (!hasOwn(element, DIRECTIVE_MARKER)) {
      elements.push(element);
      continue;
    }
    const directive = element[DIRECTIVE_MARKER];
    if (directive === "delete") {
      const key = mergeKeyValue(element, mergeKey);
      remaining = remaining.filter((item) => !hasMergeKeyValue(item, mergeKey, key));
    } else if (directive === "replace") {
      replace = true; // keep going: the other directives are dropped too
    } else if (directive === "merge") {
      throw newPatchFailure("merging lists cannot yet be specified in the patch");
    } else {
      throw newPatchFailure(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(element)}`);
    }
  }
  if (replace) return { remaining: elements.map((element) => valueFromPatch(element)), elements: [] };
  return { remaining, elements };
}

/** Merges each patch element into the current element with the same merge key, or appends it. */
function mergeElements(remaining: JsonValue[], elements: JsonObject[], mergeKey: string, schema: Schema | undefined): JsonValue[] {
  const result = [...remaining];
  for (const element of elements) {
    const key = mergeKeyValue(element, mergeKey);
    const index = result.findIndex((item) => hasMergeKeyValue(item, mergeKey, key));
    if (index >= 0) result[index] = mergeMap(result[index] as JsonObject, element, schema);
    else result.push(valueFromPatch(element));
  }
  return result;
}

function withoutDuplicates(items: JsonValue[]): JsonValue[] {
  const out: JsonValue[] = [];
  for (const item of items) if (!out.some((seen) => jsonEqual(seen, item))) out.push(item);
  return out;
}

/**
 * `$setElementOrder/<field>`: merges the field's list (if the patch has it)
 * and puts the result in the order the directive gives; elements the
 * directive does not mention (added on the server) keep their place
 * relative to their server neighbours. Handled before the other keys; the
 * directive and the list it ordered are removed from `patch`.
 */
function applySetElementOrders(original: JsonObject, patch: JsonObject, schema: Schema | undefined): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[directiveKey] as JsonValue;
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw newPatchFailure(`expected a []interface {}, but received a ${goTypeName(order)}`);
    const key = directiveTarget(directiveKey, SET_ELEMENT_ORDER_PREFIX);

    const current = listField(original, key);
    const patchList = listField(patch, key);
    const field = fieldPatchInfo(schema, key);
    const strategy = mergeStrategy(field.strategies);
    const mergeKey = elementKind(current ?? [], patchList ?? []) === "object" ? field.mergeKey : "";
    checkSetElementOrder(patchList ?? [], order, mergeKey);

    let merged: JsonValue[];
    if (current && patchList) {
      merged = strategy === "merge" ? mergeList(current, patchList, field, false) : (valueFromPatch(patchList) as JsonValue[]);
    } else if (current) {
      merged = current;
    } else if (patchList) {
      merged = valueFromPatch(patchList) as JsonValue[];
    } else {
      continue;
    }
    setOwn(original, key, enforceOrder(merged, order, current ?? [], mergeKey));
    delete patch[key];
  }
}

/** The list stored under `key`; undefined when absent or null, a 500 when it is not a list (as upstream). */
function listField(obj: JsonObject, key: string): JsonValue[] | undefined {
  const value = getOwn(obj, key);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw newPatchFailure(`expected a []interface {}, but received a ${goTypeName(value)}`);
  return value;
}
