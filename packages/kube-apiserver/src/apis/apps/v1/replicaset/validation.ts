// Validation of ReplicaSets (upstream: ValidateReplicaSetSpec and
// ValidateReplicaSetStatus in pkg/apis/apps/validation, plus the selector
// immutability of the registry strategy).

import { type FieldError, FieldPath } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { goLabelSelector, invalidGo } from "../workload/go-value.js";
import { validateReplicaSetTemplate } from "../workload/pod-template.js";
import { parseSelector, validateImmutableSelector, validateRequiredSelector } from "../workload/selector.js";
import { validateNonNegativeCounts, validateNotGreaterThan } from "../workload/status.js";
import type { ReplicaSet, ReplicaSetSpec } from "./schema.js";

const SPEC = FieldPath.root("spec");
const STATUS = FieldPath.root("status");

export function validateReplicaSetSpec(spec: ReplicaSetSpec): FieldError[] {
  const errs = [...validateNonNegative(spec.replicas ?? 0, SPEC.child("replicas")), ...validateNonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds"))];
  // Upstream's message says "deployment" here too.
  errs.push(...validateRequiredSelector(spec.selector, SPEC.child("selector"), "deployment"));
  const selector = parseSelector(spec.selector);
  if (selector === undefined) errs.push(invalidGo(SPEC.child("selector"), goLabelSelector(spec.selector), "invalid label selector"));
  else errs.push(...validateReplicaSetTemplate(spec.template ?? {}, selector, SPEC.child("template")));
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return validateReplicaSetSpec(rs.spec ?? {});
}

export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [...validateReplicaSetSpec(rs.spec ?? {}), ...validateImmutableSelector(rs.spec?.selector, old.spec?.selector, SPEC.child("selector"))];
}

export function validateReplicaSetStatusUpdate(rs: ReplicaSet): FieldError[] {
  const status = rs.status ?? { replicas: 0 };
  const errs = validateNonNegativeCounts(status, ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"], STATUS);
  const whole = "status.replicas";
  errs.push(...validateNotGreaterThan(status.fullyLabeledReplicas, status.replicas, STATUS.child("fullyLabeledReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.readyReplicas, status.replicas, STATUS.child("readyReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.availableReplicas, status.replicas, STATUS.child("availableReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.availableReplicas, status.readyReplicas, STATUS.child("availableReplicas"), "readyReplicas"));
  return errs;
}
