// Validation of Deployments (upstream: ValidateDeploymentSpec,
// ValidateDeploymentStrategy, ValidateRollingUpdateDeployment and
// ValidateDeploymentStatus in pkg/apis/apps/validation, plus the selector
// immutability of the registry strategy). Paths, order and messages as upstream's.

import { type FieldError, FieldPath, forbidden, invalid, required } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { goIntOrString, goLabelSelector, goPointer, invalidGo, notSupportedGo } from "../workload/go-value.js";
import { intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from "../workload/int-or-percent.js";
import { validateReplicaSetTemplate } from "../workload/pod-template.js";
import { parseSelector, validateImmutableSelector, validateRequiredSelector } from "../workload/selector.js";
import { validateCollisionCountNotDecremented, validateNonNegativeCounts, validateNotGreaterThan } from "../workload/status.js";
import { DEPLOYMENT_STRATEGY_TYPES, type Deployment, type DeploymentSpec, type DeploymentStrategy } from "./schema.js";

const SPEC = FieldPath.root("spec");
const STATUS = FieldPath.root("status");

function validateRollingUpdate(ru: NonNullable<DeploymentStrategy["rollingUpdate"]>, path: FieldPath): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, path.child("maxUnavailable")),
    ...validatePositiveIntOrPercent(ru.maxSurge, path.child("maxSurge")),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalidGo(path.child("maxUnavailable"), goIntOrString(ru.maxUnavailable), "may not be 0 when `maxSurge` is 0"));
  }
  errs.push(...validateNotMoreThan100Percent(ru.maxUnavailable, path.child("maxUnavailable")));
  return errs;
}

function validateStrategy(strategy: DeploymentStrategy, path: FieldPath): FieldError[] {
  switch (strategy.type) {
    case "Recreate":
      return strategy.rollingUpdate ? [forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case "RollingUpdate":
      // Defaulting always adds it; a missing one means something skipped the defaults.
      return strategy.rollingUpdate
        ? validateRollingUpdate(strategy.rollingUpdate, path.child("rollingUpdate"))
        : [required(path.child("rollingUpdate"), "this should be defaulted and never be nil")];
    default: {
      const printed = `apps.DeploymentStrategy{Type:${JSON.stringify(strategy.type ?? "")}, RollingUpdate:${goPointer("apps.RollingUpdateDeployment", strategy.rollingUpdate !== undefined)}}`;
      return [notSupportedGo(path, printed, DEPLOYMENT_STRATEGY_TYPES)];
    }
  }
}

export function validateDeploymentSpec(spec: DeploymentSpec): FieldError[] {
  const errs = validateNonNegative(spec.replicas ?? 0, SPEC.child("replicas"));
  errs.push(...validateRequiredSelector(spec.selector, SPEC.child("selector"), "deployment"));
  const selector = parseSelector(spec.selector);
  if (selector === undefined) errs.push(invalidGo(SPEC.child("selector"), goLabelSelector(spec.selector), "invalid label selector"));
  else errs.push(...validateReplicaSetTemplate(spec.template ?? {}, selector, SPEC.child("template")));
  errs.push(...validateStrategy(spec.strategy ?? {}, SPEC.child("strategy")));
  const minReadySeconds = spec.minReadySeconds ?? 0;
  errs.push(...validateNonNegative(minReadySeconds, SPEC.child("minReadySeconds")));
  errs.push(...validateNonNegative(spec.revisionHistoryLimit, SPEC.child("revisionHistoryLimit")));
  const deadline = spec.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errs.push(...validateNonNegative(deadline, SPEC.child("progressDeadlineSeconds")));
    if (deadline <= minReadySeconds) errs.push(invalid(SPEC.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
  }
  return errs;
}

export function validateDeployment(d: Deployment): FieldError[] {
  return validateDeploymentSpec(d.spec ?? {});
}

export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  return [...validateDeploymentSpec(d.spec ?? {}), ...validateImmutableSelector(d.spec?.selector, old.spec?.selector, SPEC.child("selector"))];
}

export function validateDeploymentStatusUpdate(d: Deployment, old: Deployment): FieldError[] {
  const status = d.status ?? {};
  const errs = validateNonNegativeCounts(
    status,
    ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas", "collisionCount"],
    STATUS,
  );
  const whole = "status.replicas";
  errs.push(...validateNotGreaterThan(status.updatedReplicas, status.replicas, STATUS.child("updatedReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.readyReplicas, status.replicas, STATUS.child("readyReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.availableReplicas, status.replicas, STATUS.child("availableReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.availableReplicas, status.readyReplicas, STATUS.child("availableReplicas"), "readyReplicas"));
  errs.push(...validateCollisionCountNotDecremented(status.collisionCount, old.status?.collisionCount, STATUS.child("collisionCount")));
  return errs;
}
