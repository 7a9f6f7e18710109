// JSON patch (RFC 6902), `application/json-patch+json`: a list of operations
// (add, remove, replace, move, copy, test), each naming a location with a
// JSON pointer (RFC 6901: `/spec/containers/0/image`, `~1` for "/", `~0` for "~",
// `-` for "after the last element" of a list).
//
// Upstream applies it with evanphx/json-patch (v4), and clients see its
// behaviour, which differs from the RFC in a few places we keep:
// - `replace` of a missing object field succeeds and adds the field;
// - `copy` from a missing object field copies null;
// - negative list indices count from the end (-1 is the last element);
// - `add` and `replace` of the whole document ("" path) follow the library:
//   `replace` may swap the document for another object or list, `add` fails.
//
// Errors, as the PATCH handler reports them:
// - the body is not a list of operation objects: 400 BadRequest;
// - more than 10000 operations: 413 RequestEntityTooLarge;
// - an operation fails (failed `test`, missing path, bad index): 422 Invalid
//   with upstream's generic message; the specific reason becomes the error's
//   `cause` (see errors.ts).

import { newBadRequest, newRequestEntityTooLarge } from "@tskube/apimachinery";
import { newUnprocessablePatch } from "./errors.js";
import { goJsonKind } from "./go-format.js";
import { getOwn, hasOwn, isJsonObject, jsonEqual, setOwn, toJson, type JsonObject, type JsonValue } from "./json.js";

/** Upstream's cap on the operations of one JSON patch (apiserver handlers/patch.go). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;
/** Upstream's default cap on how much `copy` operations may grow a document (JSONPatchMaxCopyBytes, 3 MiB). */
export const MAX_JSON_PATCH_COPY_BYTES = 3 * 1024 * 1024;

export interface JsonPatchLimits {
  maxOperations?: number;
  maxCopyBytes?: number;
}

/** Thrown inside this module when an operation does not apply; becomes the 422. */
class OperationError extends Error {}

/** A list or an object: the only values a pointer can step into. */
type Container = JsonValue[] | JsonObject;

/** Applies a JSON patch to the JSON encoding of `doc`; `patch` is the decoded request body. */
export function applyJSONPatch(doc: unknown, patch: unknown, limits: JsonPatchLimits = {}): JsonValue {
  const operations = decodeOperations(patch);
  const maxOperations = limits.maxOperations ?? MAX_JSON_PATCH_OPERATIONS;
  if (operations.length > maxOperations) {
    throw newRequestEntityTooLarge(
      `The allowed maximum operations in a JSON patch is ${maxOperations}, got ${operations.length}`,
    );
  }

  const run: PatchRun = { doc: toJson(doc), copiedBytes: 0, maxCopyBytes: limits.maxCopyBytes ?? MAX_JSON_PATCH_COPY_BYTES };
  try {
    for (const operation of operations) applyOperation(run, operation);
  } catch (err) {
    if (err instanceof OperationError) throw newUnprocessablePatch(err.message);
    throw err;
  }
  return run.doc;
}

/** The body must be a list of objects (null counts as an empty list), as Go's decoder requires. */
function decodeOperations(patch: unknown): (JsonObject | null)[] {
  if (patch === null || patch === undefined) return [];
  const body = toJson(patch);
  if (!Array.isArray(body)) {
    throw newBadRequest(`json: cannot unmarshal ${goJsonKind(body)} into Go value of type jsonpatch.Patch`);
  }
  for (const operation of body) {
    if (operation !== null && !isJsonObject(operation)) {
      throw newBadRequest(`json: cannot unmarshal ${goJsonKind(operation)} into Go value of type jsonpatch.Operation`);
    }
  }
  return body as (JsonObject | null)[];
}

interface PatchRun {
  doc: JsonValue;
  /** Bytes added by `copy` so far, checked against maxCopyBytes. */
  copiedBytes: number;
  maxCopyBytes: number;
}

function applyOperation(run: PatchRun, operation: JsonObject | null): void {
  const op = operation === null ? undefined : getOwn(operation, "op");
  const kind = typeof op === "string" ? op : "unknown";
  const fields = operation ?? {};
  switch (kind) {
    case "add":
      return add(run.doc, stringField(fields, "path", kind), valueField(fields));
    case "remove":
      return remove(run.doc, stringField(fields, "path", kind));
    case "replace":
      return replace(run, stringField(fields, "path", kind), valueField(fields));
    case "move":
      return move(run.doc, stringField(fields, "from", kind), stringField(fields, "path", kind));
    case "copy":
      return copy(run, stringField(fields, "from", kind), stringField(fields, "path", kind));
    case "test":
      return test(run.doc, stringField(fields, "path", kind), optionalValueField(fields));
    default:
      throw new OperationError(`Unexpected kind: ${kind}`);
  }
}

function stringField(operation: JsonObject, name: "path" | "from", kind: string): string {
  const value = getOwn(operation, name);
  if (typeof value !== "string") throw new OperationError(`${kind} operation failed to decode ${name}: missing value`);
  return value;
}

/** The operation's value; an absent value counts as null, as in upstream. */
function valueField(operation: JsonObject): JsonValue {
  return getOwn(operation, "value") ?? null;
}

/** The operation's value, with undefined for "absent or null" (only `test` tells these apart from a value). */
function optionalValueField(operation: JsonObject): JsonValue | undefined {
  const value = getOwn(operation, "value");
  return value === null ? undefined : value;
}

// ---- JSON pointers -------------------------------------------------------

/** RFC 6901 unescaping of one reference token: `~1` is "/", then `~0` is "~". */
function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * The container holding the location `pointer` names, and the last token.
 * Undefined when a step on the way does not exist or is not a container
 * (the library's "doc is missing path").
 */
function findParent(doc: JsonValue, pointer: string): { parent: Container; key: string } | undefined {
  if (!pointer.startsWith("/")) return undefined;
  const tokens = pointer.slice(1).split("/").map(unescapeToken);
  const key = tokens.pop() as string;
  let node: JsonValue = doc;
  for (const token of tokens) {
    if (node === null || typeof node !== "object") return undefined;
    const next: JsonValue | undefined = Array.isArray(node) ? elementOrUndefined(node, token) : getOwn(node, token);
    if (next === undefined) return undefined;
    node = next;
  }
  if (node === null || typeof node !== "object") return undefined;
  return { parent: node, key };
}

/** A list index as Go's strconv.Atoi reads it ("+1" and "-1" included). */
function parseIndex(token: string): number | undefined {
  return /^[+-]?\d+$/.test(token) ? Number(token) : undefined;
}

/** The element at `token` (negative counts from the end), or an error message saying why there is none. */
function elementAt(list: JsonValue[], token: string): { value: JsonValue; index: number } | { error: string } {
  const parsed = parseIndex(token);
  if (parsed === undefined) return { error: `strconv.Atoi: parsing ${JSON.stringify(token)}: invalid syntax` };
  const index = parsed < 0 ? parsed + list.length : parsed;
  if (index < 0 || index >= list.length) return { error: invalidIndex(parsed) };
  return { value: list[index] as JsonValue, index };
}

function elementOrUndefined(list: JsonValue[], token: string): JsonValue | undefined {
  const found = elementAt(list, token);
  return "error" in found ? undefined : found.value;
}

function invalidIndex(index: number): string {
  return `Unable to access invalid index: ${index}: invalid index referenced`;
}

/**
 * Inserts `value` at `key`: sets an object field, or inserts into a list
 * (`-` appends; an index may be one past the end). Returns an error message
 * instead of throwing so each operation can word the failure its own way.
 */
function insert(parent: Container, key: string, value: JsonValue): string | undefined {
  if (!Array.isArray(parent)) {
    setOwn(parent, key, value);
    return undefined;
  }
  if (key === "-") {
    parent.push(value);
    return undefined;
  }
  const parsed = parseIndex(key);
  if (parsed === undefined) {
    return `value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  }
  const index = parsed < 0 ? parsed + parent.length + 1 : parsed;
  if (index < 0 || index > parent.length) return invalidIndex(parsed);
  parent.splice(index, 0, value);
  return undefined;
}

/** Removes the value at `key`, returning it, or an error message. */
function take(parent: Container, key: string): { value: JsonValue } | { error: string } {
  if (!Array.isArray(parent)) {
    if (!hasOwn(parent, key)) return { error: `Unable to remove nonexistent key: ${key}: missing value` };
    const value = parent[key] as JsonValue;
    delete parent[key];
    return { value };
  }
  const found = elementAt(parent, key);
  if ("error" in found) return found;
  parent.splice(found.index, 1);
  return { value: found.value };
}

// ---- operations ------------------------------------------------------------

function add(doc: JsonValue, path: string, value: JsonValue): void {
  const target = findParent(doc, path);
  if (!target) throw new OperationError(`add operation does not apply: doc is missing path: "${path}": missing value`);
  const error = insert(target.parent, target.key, value);
  if (error) throw new OperationError(`error in add for path: '${path}': ${error}`);
}

function remove(doc: JsonValue, path: string): void {
  const target = findParent(doc, path);
  if (!target) throw new OperationError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  const removed = take(target.parent, target.key);
  if ("error" in removed) throw new OperationError(`error in remove for path: '${path}': ${removed.error}`);
}

function replace(run: PatchRun, path: string, value: JsonValue): void {
  if (path === "") {
    if (value === null || typeof value !== "object") {
      throw new OperationError("replace operation value must be object or array");
    }
    run.doc = value;
    return;
  }
  const target = findParent(run.doc, path);
  if (!target) throw new OperationError(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  const { parent, key } = target;
  if (!Array.isArray(parent)) {
    setOwn(parent, key, value); // a missing field is added, as upstream's library does
    return;
  }
  const found = elementAt(parent, key);
  if ("error" in found) throw new OperationError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
  parent[found.index] = value;
}

function move(doc: JsonValue, from: string, path: string): void {
  const source = findParent(doc, from);
  if (!source) throw new OperationError(`move operation does not apply: doc is missing from path: ${from}: missing value`);
  const taken = take(source.parent, source.key);
  if ("error" in taken) throw new OperationError(`error in move for path: '${source.key}': ${taken.error}`);
  // The destination is looked up after the removal, so moving a value into itself fails here.
  const target = findParent(doc, path);
  if (!target) throw new OperationError(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
  const error = insert(target.parent, target.key, taken.value);
  if (error) throw new OperationError(`error in move for path: '${path}': ${error}`);
}

function copy(run: PatchRun, from: string, path: string): void {
  const source = findParent(run.doc, from);
  if (!source) throw new OperationError(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
  let value: JsonValue;
  if (Array.isArray(source.parent)) {
    const found = elementAt(source.parent, source.key);
    if ("error" in found) throw new OperationError(`error in copy for from: '${from}': ${found.error}`);
    value = found.value;
  } else {
    value = getOwn(source.parent, source.key) ?? null; // upstream copies a missing field as null
  }
  const target = findParent(run.doc, path);
  if (!target) throw new OperationError(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);

  const encoded = JSON.stringify(value);
  run.copiedBytes += Buffer.byteLength(encoded);
  if (run.maxCopyBytes > 0 && run.copiedBytes > run.maxCopyBytes) {
    throw new OperationError(
      `Unable to complete the copy, the accumulated size increase of copy is ${run.copiedBytes}, exceeding the limit ${run.maxCopyBytes}`,
    );
  }
  const error = insert(target.parent, target.key, JSON.parse(encoded) as JsonValue);
  if (error) throw new OperationError(`error while adding value during copy: ${error}`);
}

function test(doc: JsonValue, path: string, expected: JsonValue | undefined): void {
  const failed = new OperationError(`testing value ${path} failed: test failed`);
  if (path === "") {
    if (expected === undefined || !jsonEqual(doc, expected)) throw failed;
    return;
  }
  const target = findParent(doc, path);
  if (!target) throw new OperationError(`test operation does not apply: is missing path: ${path}: missing value`);
  let actual: JsonValue | undefined;
  if (Array.isArray(target.parent)) {
    const found = elementAt(target.parent, target.key);
    if ("error" in found) throw new OperationError(`error in test for path: '${path}': ${found.error}`);
    actual = found.value;
  } else {
    actual = getOwn(target.parent, target.key);
  }
  // A missing or null value matches an absent or null expected value.
  if (actual === undefined || actual === null) {
    if (expected !== undefined) throw failed;
    return;
  }
  if (expected === undefined || !jsonEqual(actual, expected)) throw failed;
}
