// Validation of ControllerRevisions (upstream: ValidateControllerRevision
// and ValidateControllerRevisionUpdate in pkg/apis/apps/validation): data is
// required and cannot change, revision is not negative.

import { type FieldError, FieldPath, invalid, required } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { sameJSON } from "../workload/same-json.js";
import type { ControllerRevision } from "./schema.js";

const DATA = FieldPath.root("data");

export function validateControllerRevision(cr: ControllerRevision): FieldError[] {
  return [...(cr.data === undefined ? [required(DATA, "data is mandatory")] : []), ...validateNonNegative(cr.revision, FieldPath.root("revision"))];
}

export function validateControllerRevisionUpdate(cr: ControllerRevision, old: ControllerRevision): FieldError[] {
  const errs = validateControllerRevision(cr);
  if (!sameJSON(cr.data, old.data)) errs.push(invalid(DATA, cr.data ?? null, "field is immutable"));
  return errs;
}
