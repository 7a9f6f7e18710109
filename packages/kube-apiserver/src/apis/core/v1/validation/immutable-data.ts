// The `immutable` switch of ConfigMaps and Secrets (upstream:
// ValidateConfigMapUpdate, ValidateSecretUpdate): once an object is stored
// with `immutable: true`, neither that flag nor its data may change. Only
// metadata stays writable (and the object can still be deleted).

import { type FieldError, forbidden } from "@tskube/apimachinery";

const IMMUTABLE_MSG = "field is immutable when `immutable` is set";

interface ImmutableData {
  immutable?: boolean | undefined;
}

/**
 * Errors for changes an immutable object does not allow. `dataFields` are
 * the fields frozen with it (`data`, `binaryData`), compared as JSON.
 */
export function validateImmutableData<T extends ImmutableData>(
  obj: T,
  old: T,
  dataFields: readonly (keyof T & string)[],
): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden("immutable", IMMUTABLE_MSG));
  for (const field of dataFields) {
    if (!sameStringMap(obj[field], old[field])) errs.push(forbidden(field, IMMUTABLE_MSG));
  }
  return errs;
}

/**
 * Equality of two string maps, where absent and empty are the same (as
 * upstream's comparison of decoded maps: an empty map is dropped on the wire).
 */
function sameStringMap(a: unknown, b: unknown): boolean {
  const left = Object.entries((a ?? {}) as Record<string, unknown>);
  const right = (b ?? {}) as Record<string, unknown>;
  if (left.length !== Object.keys(right).length) return false;
  return left.every(([key, value]) => Object.hasOwn(right, key) && right[key] === value);
}
