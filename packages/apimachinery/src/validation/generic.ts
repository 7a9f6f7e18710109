// Checks many kinds share (upstream: api/validation/generic.go): a field
// that may not change, and the equality that check compares with.

import { type FieldError, type FieldPath, invalid } from "./field-errors.js";

type PathLike = FieldPath | string;

export const FIELD_IMMUTABLE_MSG = "field is immutable";

/**
 * Equality of decoded JSON values as upstream's semantic DeepEqual sees Go
 * values: key order does not matter, and an empty list or map equals an
 * absent one (Go cannot tell a nil slice from an omitted field).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => semanticEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (!semanticEqual(ra[key], rb[key])) return false;
  }
  return true;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v).length === 0;
}

/** `path: Invalid value: <new>: field is immutable` when the value changed. */
export function validateImmutableField(next: unknown, old: unknown, path: PathLike): FieldError[] {
  return semanticEqual(next, old) ? [] : [invalid(path, next ?? null, FIELD_IMMUTABLE_MSG)];
}
