// Helpers for plain JSON values (decoded request bodies, stored objects).

export type JSONObject = { [key: string]: unknown };

export function isObject(v: unknown): v is JSONObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deep equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A deep copy of a JSON value. */
export function deepCopy<T>(v: T): T {
  return v === undefined ? v : (structuredClone(v) as T);
}

/** The type name kube-openapi reports for a value: integer, number, string, boolean, array, object, null. */
export function jsonTypeName(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "number":
      return Number.isInteger(v) ? "integer" : "number";
    case "bigint":
      return "integer";
    default:
      return "object";
  }
}

/** Appends a child name to a dotted path as upstream's error names do: `spec` + `replicas`. */
export function childName(parent: string, name: string): string {
  return parent === "" ? name : `${parent}.${name}`;
}

export function indexName(parent: string, i: number): string {
  return `${parent}[${i}]`;
}
