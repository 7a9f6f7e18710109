// JSON merge patch (RFC 7386), `application/merge-patch+json`: the patch
// looks like the object; `null` deletes a field, objects merge recursively,
// anything else (strings, numbers, lists) replaces the old value. This is
// what kubectl sends for custom resources (`kubectl apply`, `patch --type merge`).
//
// Upstream applies it with evanphx/json-patch, whose details we follow:
// - a patch that is not an object is rejected with 400 "Invalid JSON Patch"
//   (an array patch is the exception: it becomes the whole result);
// - a value placed where there was nothing to merge with (a new field, or an
//   old value that was not an object) has its nulls removed, nested ones too,
//   including null elements of lists.

import { newBadRequest } from "@tskube/apimachinery";
import { getOwn, isJsonObject, setOwn, toJson, type JsonObject, type JsonValue } from "./json.js";

const INVALID_PATCH_MESSAGE = "Invalid JSON Patch";

/** Applies a JSON merge patch to the JSON encoding of `doc`; `patch` is the decoded request body. */
export function applyMergePatch(doc: unknown, patch: unknown): JsonValue {
  if (patch === null || patch === undefined) throw newBadRequest(INVALID_PATCH_MESSAGE);
  const patchValue = toJson(patch);
  if (Array.isArray(patchValue)) return withoutNulls(patchValue);
  if (!isJsonObject(patchValue)) throw newBadRequest(INVALID_PATCH_MESSAGE);

  const target = toJson(doc);
  if (!isJsonObject(target)) return withoutNulls(patchValue);
  mergeInto(target, patchValue);
  return target;
}

function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const [key, patchValue] of Object.entries(patch)) {
    if (patchValue === null) {
      delete target[key];
      continue;
    }
    const current = getOwn(target, key);
    setOwn(target, key, current === undefined || current === null ? withoutNulls(patchValue) : merged(current, patchValue));
  }
}

function merged(current: JsonValue, patchValue: JsonValue): JsonValue {
  if (!isJsonObject(current)) return withoutNulls(patchValue);
  // An object replaced by a list or a scalar: upstream takes the patch value as it is.
  if (!isJsonObject(patchValue)) return patchValue;
  mergeInto(current, patchValue);
  return current;
}

/** `value` without null fields and null list elements, at every depth. */
function withoutNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) setOwn(out, key, withoutNulls(item));
  return out;
}
