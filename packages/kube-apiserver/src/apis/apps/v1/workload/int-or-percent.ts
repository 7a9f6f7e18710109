// Rolling update limits (maxUnavailable, maxSurge) are an absolute number of
// pods or a percentage string such as "25%" (upstream:
// ValidatePositiveIntOrPercent, IsNotMoreThan100Percent and getIntOrPercentValue
// in pkg/apis/apps/validation).

import { type FieldError, type FieldPath, regexError } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { goIntOrString, invalidGo } from "./go-value.js";

export type IntOrPercent = number | string;

const PERCENT_FMT = "[0-9]+%";
const PERCENT = new RegExp(`^${PERCENT_FMT}$`);
const PERCENT_MSG = regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, "1%", "93%");

/** A non-negative number, or a valid percentage. */
export function validatePositiveIntOrPercent(value: IntOrPercent | undefined, path: FieldPath): FieldError[] {
  if (typeof value === "string") return PERCENT.test(value) ? [] : [invalidGo(path, goIntOrString(value), PERCENT_MSG)];
  return validateNonNegative(value, path);
}

/** A percentage may not exceed 100%. */
export function validateNotMoreThan100Percent(value: IntOrPercent | undefined, path: FieldPath): FieldError[] {
  if (typeof value !== "string" || !PERCENT.test(value)) return [];
  return Number.parseInt(value, 10) > 100 ? [invalidGo(path, goIntOrString(value), "must not be greater than 100%")] : [];
}

/**
 * The number in the value, as upstream reads it to tell zero from non-zero:
 * a percentage's number, a number, or a string read as an integer (0 when it is not one).
 */
export function intOrPercentValue(value: IntOrPercent | undefined): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  if (PERCENT.test(value)) return Number.parseInt(value, 10);
  return /^[+-]?[0-9]+$/.test(value) ? Number.parseInt(value, 10) : 0;
}
