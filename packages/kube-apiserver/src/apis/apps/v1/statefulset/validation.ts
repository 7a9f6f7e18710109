// Validation of StatefulSets (upstream v1.32: ValidateStatefulSetSpec,
// ValidateStatefulSetUpdate and ValidateStatefulSetStatus in
// pkg/apis/apps/validation). Paths, order and messages as upstream's.
//
// As upstream in v1.32, the pod template's spec is not validated (only its
// labels, annotations, restartPolicy and activeDeadlineSeconds), and neither
// are serviceName nor the claim templates: those two are fixed at creation,
// like everything in the spec but the fields listed in UPDATABLE_FIELDS.

import { type FieldError, FieldPath, forbidden, invalid, notSupported, required } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { goIntOrString, goLabelSelector, goPointer, invalidGo } from "../workload/go-value.js";
import { intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from "../workload/int-or-percent.js";
import { validateWorkloadTemplate } from "../workload/pod-template.js";
import { sameJSON } from "../workload/same-json.js";
import { parseSelector, validateRequiredSelector, validateTemplateLabelsMatch } from "../workload/selector.js";
import { validateCollisionCountNotDecremented, validateNonNegativeCounts, validateNotGreaterThan } from "../workload/status.js";
import { POD_MANAGEMENT_POLICIES, PVC_RETENTION_POLICIES, type StatefulSet, type StatefulSetSpec, type StatefulSetUpdateStrategy } from "./schema.js";

const SPEC = FieldPath.root("spec");
const STATUS = FieldPath.root("status");

/** The spec fields an update may change; the others are fixed at creation. */
export const UPDATABLE_FIELDS = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"] as const;

export const FORBIDDEN_UPDATE_MESSAGE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

type RollingUpdate = NonNullable<StatefulSetUpdateStrategy["rollingUpdate"]>;

/** upstream's internal RollingUpdateStatefulSetStrategy as `%#v` prints it. */
function goRollingUpdate(ru: RollingUpdate): string {
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${goPointer("intstr.IntOrString", ru.maxUnavailable !== undefined)}}`;
}

function validateRollingUpdate(ru: RollingUpdate, path: FieldPath): FieldError[] {
  const errs = validateNonNegative(ru.partition ?? 0, path.child("partition"));
  const mu = ru.maxUnavailable;
  if (mu !== undefined) {
    const muPath = path.child("maxUnavailable");
    errs.push(...validatePositiveIntOrPercent(mu, muPath));
    if (intOrPercentValue(mu) === 0) errs.push(invalidGo(muPath, goIntOrString(mu), "cannot be 0"));
    errs.push(...validateNotMoreThan100Percent(mu, muPath));
  }
  return errs;
}

function validateUpdateStrategy(strategy: StatefulSetUpdateStrategy, path: FieldPath): FieldError[] {
  switch (strategy.type ?? "") {
    case "":
      return [required(path)];
    case "OnDelete":
      return strategy.rollingUpdate
        ? [invalidGo(path.child("rollingUpdate"), goRollingUpdate(strategy.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'")]
        : [];
    case "RollingUpdate":
      return strategy.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate, path.child("rollingUpdate")) : [];
    default: {
      const ru = strategy.rollingUpdate;
      const printed = `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(strategy.type)}, RollingUpdate:${goPointer("apps.RollingUpdateStatefulSetStrategy", ru !== undefined)}}`;
      return [invalidGo(path, printed, "must be 'RollingUpdate' or 'OnDelete'")];
    }
  }
}

function validateRetentionPolicy(policy: StatefulSetSpec["persistentVolumeClaimRetentionPolicy"], path: FieldPath): FieldError[] {
  if (!policy) return [];
  const errs: FieldError[] = [];
  for (const field of ["whenDeleted", "whenScaled"] as const) {
    const value = policy[field] ?? "";
    if (!(PVC_RETENTION_POLICIES as readonly string[]).includes(value)) errs.push(notSupported(path.child(field), value, [...PVC_RETENTION_POLICIES]));
  }
  return errs;
}

export function validateStatefulSetSpec(spec: StatefulSetSpec): FieldError[] {
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy ?? "";
  if (policy === "") errs.push(required(SPEC.child("podManagementPolicy")));
  else if (!(POD_MANAGEMENT_POLICIES as readonly string[]).includes(policy)) {
    errs.push(invalid(SPEC.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(spec.updateStrategy ?? {}, SPEC.child("updateStrategy")));
  errs.push(...validateRetentionPolicy(spec.persistentVolumeClaimRetentionPolicy, SPEC.child("persistentVolumeClaimRetentionPolicy")));
  errs.push(...validateNonNegative(spec.replicas ?? 0, SPEC.child("replicas")));
  errs.push(...validateNonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds")));
  if (spec.ordinals) errs.push(...validateNonNegative(spec.ordinals.start, SPEC.child("ordinals.start")));

  errs.push(...validateRequiredSelector(spec.selector, SPEC.child("selector"), "statefulset"));
  const template = spec.template ?? {};
  const selector = parseSelector(spec.selector);
  if (selector === undefined) errs.push(invalidGo(SPEC.child("selector"), goLabelSelector(spec.selector), ""));
  else errs.push(...validateTemplateLabelsMatch(selector, template.metadata?.labels, SPEC.child("template")));
  errs.push(...validateWorkloadTemplate(template, SPEC.child("template"), { kindName: "StatefulSet", podSpec: false }));
  return errs;
}

export function validateStatefulSet(sts: StatefulSet): FieldError[] {
  return validateStatefulSetSpec(sts.spec ?? { serviceName: "" });
}

/** The spec with the updatable fields taken from `from`: what must be unchanged. */
function fixedPart(spec: StatefulSetSpec, from: StatefulSetSpec): StatefulSetSpec {
  const copy: Record<string, unknown> = { ...spec };
  for (const field of UPDATABLE_FIELDS) copy[field] = from[field];
  return copy as StatefulSetSpec;
}

export function validateStatefulSetUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const spec = sts.spec ?? { serviceName: "" };
  const oldSpec = old.spec ?? { serviceName: "" };
  const errs = validateStatefulSetSpec(spec);
  if (!sameJSON(fixedPart(spec, oldSpec), oldSpec)) errs.push(forbidden(SPEC, FORBIDDEN_UPDATE_MESSAGE));
  return errs;
}

export function validateStatefulSetStatusUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const status = sts.status ?? { replicas: 0, availableReplicas: 0 };
  const errs = validateNonNegativeCounts(
    status,
    ["replicas", "readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas", "observedGeneration", "collisionCount"],
    STATUS,
  );
  const whole = "status.replicas";
  errs.push(...validateNotGreaterThan(status.readyReplicas, status.replicas, STATUS.child("readyReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.currentReplicas, status.replicas, STATUS.child("currentReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.updatedReplicas, status.replicas, STATUS.child("updatedReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.availableReplicas, status.replicas, STATUS.child("availableReplicas"), whole));
  errs.push(...validateNotGreaterThan(status.availableReplicas, status.readyReplicas, STATUS.child("availableReplicas"), "status.readyReplicas"));
  errs.push(...validateCollisionCountNotDecremented(status.collisionCount, old.status?.collisionCount, STATUS.child("collisionCount")));
  return errs;
}
