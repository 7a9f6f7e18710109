// Checks of resource.Quantity values (upstream: ValidateNonnegativeQuantity,
// ValidatePositiveQuantityValue, ValidateResourceQuantityValue). Upstream
// rejects a malformed quantity while decoding; here the schema keeps the
// string, so these checks report it, with upstream's message, as a 422.

import { type FieldError, type FieldPath, invalid } from "@tskube/apimachinery";
import { INVALID_QUANTITY_MESSAGE, parseQuantity } from "../pod-spec/quantity.js";
import { isIntegerResourceName } from "./resource-names.js";

/** The amount, or undefined after recording that `value` is not a quantity. */
export function quantityOrError(value: string, path: FieldPath, errs: FieldError[]): number | undefined {
  const n = parseQuantity(value);
  if (n === undefined || Number.isNaN(n)) {
    errs.push(invalid(path, value, INVALID_QUANTITY_MESSAGE));
    return undefined;
  }
  return n;
}

export function validateNonNegativeQuantity(value: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const n = quantityOrError(value, path, errs);
  if (n !== undefined && n < 0) errs.push(invalid(path, value, "must be greater than or equal to 0"));
  return errs;
}

export function validatePositiveQuantity(value: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const n = quantityOrError(value, path, errs);
  if (n !== undefined && n <= 0) errs.push(invalid(path, value, "must be greater than zero"));
  return errs;
}

/** Not negative, and a whole number for the resources counted in units (pods, secrets, extended resources, ...). */
export function validateResourceQuantityValue(resource: string, value: string, path: FieldPath): FieldError[] {
  const errs = validateNonNegativeQuantity(value, path);
  const n = parseQuantity(value);
  if (errs.length === 0 && n !== undefined && isIntegerResourceName(resource) && Math.round(n * 1000) % 1000 !== 0) {
    errs.push(invalid(path, value, "must be an integer"));
  }
  return errs;
}
