// IntOrString values that count pods, as a number or a percentage (`2`,
// `25%`): a PodDisruptionBudget's minAvailable and maxUnavailable, a
// rolling update's maxSurge. Upstream: ValidatePositiveIntOrPercent and
// IsNotMoreThan100Percent in pkg/apis/apps/validation, IsValidPercent in
// apimachinery. Bad values print unquoted, as Go prints an IntOrString.

import { type FieldError, type FieldPath, PrintedValue, invalid, regexError, validateNonnegativeField } from "@tskube/apimachinery";

export type IntOrString = number | string;

const PERCENT_FMT = "[0-9]+%";
const PERCENT = new RegExp(`^${PERCENT_FMT}$`);
const PERCENT_MSG = regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, "1%", "93%");

const printed = (value: IntOrString): PrintedValue => new PrintedValue(String(value));

/** A non-negative number, or a percentage string. */
export function validatePositiveIntOrPercent(value: IntOrString, path: FieldPath): FieldError[] {
  if (typeof value === "number") return validateNonnegativeField(value, path);
  return PERCENT.test(value) ? [] : [invalid(path, printed(value), PERCENT_MSG)];
}

/** A percentage may not exceed 100%. */
export function validateNotMoreThan100Percent(value: IntOrString, path: FieldPath): FieldError[] {
  if (typeof value !== "string" || !PERCENT.test(value)) return [];
  return Number(value.slice(0, -1)) > 100 ? [invalid(path, printed(value), "must not be greater than 100%")] : [];
}
