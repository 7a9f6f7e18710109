// Several strategic merge patch errors reach the client with a JSON value
// printed inside the message, the way Go's fmt prints a decoded value
// (`map: map[image:nginx] does not contain declared merge key: name`).
// These helpers print our JSON values the same way so the messages match.

import { isJsonObject, type JsonValue } from "./json.js";

/** A JSON value as Go's `%v` prints it: `map[a:1 b:x]` (keys sorted), `[1 2]`, `<nil>`. */
export function goFormat(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goFormat).join(" ")}]`;
  if (isJsonObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${k}:${goFormat(value[k])}`);
    return `map[${entries.join(" ")}]`;
  }
  return String(value);
}

/**
 * The Go type a decoded JSON value has, as upstream names it in
 * `expected a []interface {}, but received a string`. Integers decode as
 * int64 there (upstream keeps integers exact), other numbers as float64.
 */
export function goTypeName(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "%!s(<nil>)";
  if (Array.isArray(value)) return "[]interface {}";
  if (isJsonObject(value)) return "map[string]interface {}";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  return typeof value === "boolean" ? "bool" : "string";
}

/** How Go's JSON decoder names a value it cannot store: `json: cannot unmarshal array into Go value of type ...`. */
export function goJsonKind(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (isJsonObject(value)) return "object";
  if (typeof value === "boolean") return "bool";
  return typeof value; // "string" | "number"
}
