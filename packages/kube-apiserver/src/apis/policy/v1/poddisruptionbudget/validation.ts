// Validation of PodDisruptionBudgets (upstream: ValidatePodDisruptionBudget
// and ValidatePodDisruptionBudgetStatusUpdate in pkg/apis/policy/validation).
// The spec may change on update and is validated the same way.

import { type FieldError, FieldPath, invalid, notSupported, validateConditions, validateLabelSelector, validateNonnegativeField } from "@tskube/apimachinery";
import { validateNotMoreThan100Percent, validatePositiveIntOrPercent } from "../../../validation/int-or-percent.js";
import type { PodDisruptionBudget } from "./schema.js";

const SPEC = FieldPath.root("spec");
const STATUS = FieldPath.root("status");
// Sorted, as upstream lists them.
const EVICTION_POLICIES = ["AlwaysAllow", "IfHealthyBudget"];

export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalid(SPEC, spec, "minAvailable and maxUnavailable cannot be both set"));
  }
  for (const f of ["minAvailable", "maxUnavailable"] as const) {
    const value = spec[f];
    if (value === undefined) continue;
    errs.push(...validatePositiveIntOrPercent(value, SPEC.child(f)), ...validateNotMoreThan100Percent(value, SPEC.child(f)));
  }
  errs.push(...validateLabelSelector(spec.selector, SPEC.child("selector")));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !EVICTION_POLICIES.includes(policy)) {
    errs.push(notSupported(SPEC.child("unhealthyPodEvictionPolicy"), policy, EVICTION_POLICIES));
  }
  return errs;
}

export function validatePodDisruptionBudgetStatusUpdate(pdb: PodDisruptionBudget): FieldError[] {
  const status = pdb.status;
  const errs = validateConditions(status?.conditions, STATUS.child("conditions"));
  for (const f of ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"] as const) {
    errs.push(...validateNonnegativeField(status?.[f] ?? 0, STATUS.child(f)));
  }
  return errs;
}
