// Validation of ReplicationControllers (upstream: ValidateReplicationController,
// ValidateReplicationControllerUpdate and ValidateReplicationControllerStatus
// in pkg/apis/core/validation/validation.go). The selector must not be empty
// and must match the template's labels; the template's pods restart Always
// and have no deadline. The selector may change on update.

import { type FieldError, FieldPath, forbidden, invalid, labelSelectorFromSet, notSupported, required } from "@tskube/apimachinery";
import { validatePodTemplateSpec } from "../pod-spec/template.js";
import type { ReplicationController, ReplicationControllerStatus } from "./schema.js";

const NEGATIVE = "must be greater than or equal to 0";

function nonNegative(value: number | undefined, path: FieldPath): FieldError[] {
  return (value ?? 0) < 0 ? [invalid(path, value, NEGATIVE)] : [];
}

export function validateReplicationController(rc: ReplicationController): FieldError[] {
  const spec = rc.spec ?? {};
  const path = FieldPath.root("spec");
  const errs = [...nonNegative(spec.minReadySeconds, path.child("minReadySeconds"))];
  const selector = labelSelectorFromSet(spec.selector);
  if (selector.empty()) errs.push(required(path.child("selector")));
  errs.push(...nonNegative(spec.replicas, path.child("replicas")));

  const templatePath = path.child("template");
  const template = spec.template;
  if (template === undefined) {
    errs.push(required(templatePath));
    return errs;
  }
  if (!selector.empty() && !selector.matches(template.metadata?.labels ?? {})) {
    errs.push(invalid(templatePath.child("metadata", "labels"), template.metadata?.labels ?? {}, "`selector` does not match template `labels`"));
  }
  errs.push(...validatePodTemplateSpec(template, templatePath));
  const podSpec = template.spec;
  if ((podSpec?.restartPolicy ?? "") !== "Always") {
    errs.push(notSupported(templatePath.child("spec", "restartPolicy"), podSpec?.restartPolicy ?? "", ["Always"]));
  }
  if (podSpec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(templatePath.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicationController is not Supported"));
  }
  return errs;
}

export function validateReplicationControllerStatus(status: ReplicationControllerStatus | undefined): FieldError[] {
  const s = status ?? { replicas: 0 };
  const path = FieldPath.root("status");
  const errs = [
    ...nonNegative(s.replicas, path.child("replicas")),
    ...nonNegative(s.fullyLabeledReplicas, path.child("fullyLabeledReplicas")),
    ...nonNegative(s.readyReplicas, path.child("readyReplicas")),
    ...nonNegative(s.availableReplicas, path.child("availableReplicas")),
    ...nonNegative(s.observedGeneration, path.child("observedGeneration")),
  ];
  const tooMany = "cannot be greater than status.replicas";
  const replicas = s.replicas;
  if ((s.fullyLabeledReplicas ?? 0) > replicas) errs.push(invalid(path.child("fullyLabeledReplicas"), s.fullyLabeledReplicas, tooMany));
  if ((s.readyReplicas ?? 0) > replicas) errs.push(invalid(path.child("readyReplicas"), s.readyReplicas, tooMany));
  if ((s.availableReplicas ?? 0) > replicas) errs.push(invalid(path.child("availableReplicas"), s.availableReplicas, tooMany));
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(invalid(path.child("availableReplicas"), s.availableReplicas, "cannot be greater than readyReplicas"));
  }
  return errs;
}
