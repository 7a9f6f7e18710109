// Validation of metav1.Condition lists, the `status.conditions` of newer
// kinds (upstream: ValidateConditions in apis/meta/v1/validation).

import { type FieldError, FieldPath, duplicate, invalid, notSupported, required, tooLong } from "./field-errors.js";
import { validateLabelName } from "./labels.js";
import { byteLength } from "./names.js";

type PathLike = FieldPath | string;
const toPath = (path: PathLike): FieldPath => (typeof path === "string" ? FieldPath.root(path) : path);

/** The fields of a metav1.Condition that validation looks at. */
export interface MetaCondition {
  type: string;
  status: string;
  observedGeneration?: number | undefined;
  lastTransitionTime?: string | undefined;
  reason: string;
  message: string;
}

export const CONDITION_STATUSES = ["False", "True", "Unknown"];
const REASON_PATTERN = /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/;
const REASON_MSG =
  "a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_'";
const MAX_REASON_BYTES = 1024;
const MAX_MESSAGE_BYTES = 32 * 1024;

function validateCondition(c: MetaCondition, path: FieldPath): FieldError[] {
  const errs = validateLabelName(c.type, path.child("type"));
  if (!CONDITION_STATUSES.includes(c.status)) errs.push(notSupported(path.child("status"), c.status, CONDITION_STATUSES));
  if ((c.observedGeneration ?? 0) < 0) errs.push(invalid(path.child("observedGeneration"), c.observedGeneration, "must be greater than or equal to zero"));
  if (!c.lastTransitionTime) errs.push(required(path.child("lastTransitionTime"), "must be set"));
  if (c.reason === "") {
    errs.push(required(path.child("reason"), "must be set"));
  } else {
    if (!REASON_PATTERN.test(c.reason)) errs.push(invalid(path.child("reason"), c.reason, REASON_MSG));
    if (byteLength(c.reason) > MAX_REASON_BYTES) errs.push(tooLong(path.child("reason"), MAX_REASON_BYTES));
  }
  if (byteLength(c.message) > MAX_MESSAGE_BYTES) errs.push(tooLong(path.child("message"), MAX_MESSAGE_BYTES));
  return errs;
}

/** Each condition well formed, and no type twice. */
export function validateConditions(conditions: readonly MetaCondition[] | undefined, path: PathLike): FieldError[] {
  const base = toPath(path);
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (conditions ?? []).forEach((c, i) => {
    if (seen.has(c.type)) errs.push(duplicate(base.index(i).child("type"), c.type));
    seen.add(c.type);
    errs.push(...validateCondition(c, base.index(i)));
  });
  return errs;
}
