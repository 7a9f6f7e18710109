// Rules for the status the workload controllers write (upstream:
// ValidateDeploymentStatus, ValidateReplicaSetStatus, ... in
// pkg/apis/apps/validation): counts are never negative, a part never exceeds
// the whole, and collisionCount only grows.

import { type FieldError, type FieldPath, invalid } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";

/** Each listed count, when present, is >= 0. */
export function validateNonNegativeCounts<S extends object>(status: S, fields: readonly (keyof S & string)[], path: FieldPath): FieldError[] {
  const record = status as Record<string, unknown>;
  return fields.flatMap((f) => {
    const value = record[f];
    return typeof value === "number" ? validateNonNegative(value, path.child(f)) : [];
  });
}

/** `<part>: Invalid value: N: cannot be greater than <whole>` when part > whole. */
export function validateNotGreaterThan(part: number | undefined, whole: number | undefined, path: FieldPath, wholeName: string): FieldError[] {
  return (part ?? 0) > (whole ?? 0) ? [invalid(path, part, `cannot be greater than ${wholeName}`)] : [];
}

/** status.collisionCount may not go down, nor be removed once set. */
export function validateCollisionCountNotDecremented(next: number | undefined, old: number | undefined, path: FieldPath): FieldError[] {
  const decremented = old !== undefined && (next === undefined || next < old);
  return decremented ? [invalid(path, next ?? 0, "cannot be decremented")] : [];
}
