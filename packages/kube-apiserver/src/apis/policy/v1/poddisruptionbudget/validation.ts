// Validation of PodDisruptionBudgets (upstream: ValidatePodDisruptionBudget
// and ValidatePodDisruptionBudgetStatusUpdate in pkg/apis/policy/validation).
// The spec may change on update and is validated the same way.

import { type FieldError, FieldPath, notSupported, validateConditions, validateLabelSelector } from "@tskube/apimachinery";
import { goPointer, invalidGo } from "../../../apps/v1/workload/go-value.js";
import { validateNotMoreThan100Percent, validatePositiveIntOrPercent } from "../../../apps/v1/workload/int-or-percent.js";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import type { PodDisruptionBudget, PodDisruptionBudgetSpec } from "./schema.js";

const SPEC = FieldPath.root("spec");
const STATUS = FieldPath.root("status");
// Sorted, as upstream lists them.
const EVICTION_POLICIES = ["AlwaysAllow", "IfHealthyBudget"];

/** The spec as upstream prints it in an error: its internal struct, with pointers for the optional fields. */
function goSpec(spec: PodDisruptionBudgetSpec): string {
  return (
    `policy.PodDisruptionBudgetSpec{MinAvailable:${goPointer("intstr.IntOrString", spec.minAvailable !== undefined)}, ` +
    `Selector:${goPointer("v1.LabelSelector", spec.selector !== undefined)}, ` +
    `MaxUnavailable:${goPointer("intstr.IntOrString", spec.maxUnavailable !== undefined)}, ` +
    `UnhealthyPodEvictionPolicy:${goPointer("policy.UnhealthyPodEvictionPolicyType", spec.unhealthyPodEvictionPolicy !== undefined)}}`
  );
}

export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalidGo(SPEC, goSpec(spec), "minAvailable and maxUnavailable cannot be both set"));
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
    errs.push(...validateNonNegative(status?.[f] ?? 0, STATUS.child(f)));
  }
  return errs;
}
