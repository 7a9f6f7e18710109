// JSON values as the patch functions see them: exactly what JSON.parse returns.
//
// Every patch format works on the JSON encoding of the object, as upstream
// does (it encodes the object, patches the bytes or the decoded map, and
// decodes the result). `toJson` gives us that encoding as a fresh value the
// algorithms may mutate freely, so the exported functions stay pure.
//
// Keys always go through `getOwn`/`setOwn`: a patch may name a key such as
// "__proto__", which must be read and written as plain data, never as the
// object's prototype.

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A deep copy of `value` as JSON would carry it (undefined fields dropped); throws on values JSON cannot hold. */
export function toJson(value: unknown): JsonValue {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot encode ${typeof value} as JSON`);
  return JSON.parse(text) as JsonValue;
}

export function hasOwn(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The value stored under `key`, or undefined when the object has no such own key. */
export function getOwn(obj: JsonObject, key: string): JsonValue | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** Stores `value` under `key` as an own data property (safe for "__proto__"). */
export function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Structural equality of two JSON values (object key order does not matter). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i] as JsonValue));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasOwn(b, k) && jsonEqual(a[k] as JsonValue, b[k] as JsonValue));
  }
  return false;
}
