// The pod template of a workload (spec.template): the pods it creates must
// restart always and may not have a deadline (upstream:
// ValidatePodTemplateSpecForReplicaSet, ValidatePodTemplateSpecForStatefulSet
// and ValidateDaemonSetSpec). The check that the selector matches the
// template's labels is in selector.ts; callers run it first, as upstream does.

import { type FieldError, type FieldPath, type LabelSelector, forbidden, notSupported, validateAnnotations, validateLabels } from "@tskube/apimachinery";
import type { PodTemplateSpec } from "../../../core/v1/pod-spec/schema.js";
import { validatePodTemplateSpec } from "../../../core/v1/pod-spec/template.js";
import { validateTemplateLabelsMatch } from "./selector.js";

export interface WorkloadTemplateRules {
  /** The kind named in upstream's message "activeDeadlineSeconds in <kind> is not Supported" (Deployments say ReplicaSet). */
  kindName: "ReplicaSet" | "StatefulSet" | "DaemonSet";
  /**
   * Validate the whole template, pod spec included. StatefulSets in v1.32
   * check only the template's labels and annotations.
   */
  podSpec: boolean;
}

export function validateWorkloadTemplate(template: PodTemplateSpec, path: FieldPath, rules: WorkloadTemplateRules): FieldError[] {
  const meta = template.metadata ?? {};
  const errs = rules.podSpec
    ? validatePodTemplateSpec(template, path)
    : [...validateLabels(meta.labels, path.child("labels")), ...validateAnnotations(meta.annotations, path.child("annotations"))];
  const restartPolicy = template.spec?.restartPolicy ?? "";
  if (restartPolicy !== "Always") errs.push(notSupported(path.child("spec", "restartPolicy"), restartPolicy, ["Always"]));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(path.child("spec", "activeDeadlineSeconds"), `activeDeadlineSeconds in ${rules.kindName} is not Supported`));
  }
  return errs;
}

/**
 * The template of a ReplicaSet, and of a Deployment (upstream checks both
 * with ValidatePodTemplateSpecForReplicaSet): it carries the selected labels
 * and is a valid pod template for pods that always restart.
 */
export function validateReplicaSetTemplate(template: PodTemplateSpec, selector: LabelSelector, path: FieldPath): FieldError[] {
  return [
    ...validateTemplateLabelsMatch(selector, template.metadata?.labels, path),
    ...validateWorkloadTemplate(template, path, { kindName: "ReplicaSet", podSpec: true }),
  ];
}
