// Validation of DaemonSets (upstream: ValidateDaemonSetSpec,
// ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet and
// validateDaemonSetStatus in pkg/apis/apps/validation, plus the selector
// immutability of the registry strategy). Unlike the other workloads, a
// missing selector is reported only as not matching the template.

import { type FieldError, FieldPath, required, validateLabelSelector } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { goIntOrString, goLabelSelector, goPointer, invalidGo, notSupportedGo } from "../workload/go-value.js";
import { intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from "../workload/int-or-percent.js";
import { validateWorkloadTemplate } from "../workload/pod-template.js";
import { parseSelector, validateImmutableSelector, validateTemplateLabelsMatch } from "../workload/selector.js";
import { validateCollisionCountNotDecremented, validateNonNegativeCounts } from "../workload/status.js";
import { DAEMON_SET_UPDATE_STRATEGY_TYPES, type DaemonSet, type DaemonSetSpec, type DaemonSetUpdateStrategy } from "./schema.js";

const SPEC = FieldPath.root("spec");
const STATUS = FieldPath.root("status");

function validateRollingUpdate(ru: NonNullable<DaemonSetUpdateStrategy["rollingUpdate"]>, path: FieldPath): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, path.child("maxUnavailable")),
    ...validatePositiveIntOrPercent(ru.maxSurge, path.child("maxSurge")),
    ...validateNotMoreThan100Percent(ru.maxUnavailable, path.child("maxUnavailable")),
    ...validateNotMoreThan100Percent(ru.maxSurge, path.child("maxSurge")),
  ];
  // Exactly one of the two is non-zero.
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalidGo(path.child("maxSurge"), goIntOrString(ru.maxSurge), "may not be set when maxUnavailable is non-zero"));
  if (!hasUnavailable && !hasSurge) errs.push(required(path.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
  return errs;
}

function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy, path: FieldPath): FieldError[] {
  switch (strategy.type) {
    case "OnDelete":
      return [];
    case "RollingUpdate":
      return strategy.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate, path.child("rollingUpdate")) : [required(path.child("rollingUpdate"))];
    default: {
      const printed = `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(strategy.type ?? "")}, RollingUpdate:${goPointer("apps.RollingUpdateDaemonSet", strategy.rollingUpdate !== undefined)}}`;
      return [notSupportedGo(path, printed, DAEMON_SET_UPDATE_STRATEGY_TYPES)];
    }
  }
}

export function validateDaemonSetSpec(spec: DaemonSetSpec): FieldError[] {
  const errs = validateLabelSelector(spec.selector, SPEC.child("selector"));
  const template = spec.template ?? {};
  const selector = parseSelector(spec.selector);
  if (selector !== undefined) errs.push(...validateTemplateLabelsMatch(selector, template.metadata?.labels, SPEC.child("template"), { evenWhenEmpty: true }));
  const s = spec.selector;
  if (s !== undefined && Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions ?? []).length === 0) {
    errs.push(invalidGo(SPEC.child("selector"), goLabelSelector(s), "empty selector is invalid for daemonset"));
  }
  errs.push(...validateWorkloadTemplate(template, SPEC.child("template"), { kindName: "DaemonSet", podSpec: true }));
  errs.push(...validateNonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds")));
  errs.push(...validateUpdateStrategy(spec.updateStrategy ?? {}, SPEC.child("updateStrategy")));
  errs.push(...validateNonNegative(spec.revisionHistoryLimit, SPEC.child("revisionHistoryLimit")));
  return errs;
}

export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  return validateDaemonSetSpec(ds.spec ?? {});
}

export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  return [...validateDaemonSetSpec(ds.spec ?? {}), ...validateImmutableSelector(ds.spec?.selector, old.spec?.selector, SPEC.child("selector"))];
}

export function validateDaemonSetStatusUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  const status = ds.status ?? { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
  return [
    ...validateNonNegativeCounts(
      status,
      [
        "currentNumberScheduled",
        "numberMisscheduled",
        "desiredNumberScheduled",
        "numberReady",
        "observedGeneration",
        "updatedNumberScheduled",
        "numberAvailable",
        "numberUnavailable",
        "collisionCount",
      ],
      STATUS,
    ),
    ...validateCollisionCountNotDecremented(status.collisionCount, old.status?.collisionCount, STATUS.child("collisionCount")),
  ];
}
