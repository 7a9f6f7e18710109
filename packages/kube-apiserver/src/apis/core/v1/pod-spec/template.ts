// Pod templates: the pod a workload kind (Deployment, ReplicaSet,
// StatefulSet, DaemonSet, Job, ...) creates copies of. Their defaults are a
// PodSpec's without the Pod-only ones (requests from limits, service links,
// host ports under hostNetwork), and their validation is upstream's
// ValidatePodTemplateSpec: labels and annotations, the spec, and no ephemeral
// containers.

import { type FieldError, type FieldPath, forbidden, validateAnnotations, validateLabels } from "@tskube/apimachinery";
import { applyPodSpecDefaults } from "./defaults.js";
import type { PodTemplateSpec } from "./schema.js";
import { validatePodSpec } from "./validation.js";

/** Defaults of a template: its spec always exists (a Go struct), defaulted as a PodSpec. */
export function applyPodTemplateSpecDefaults(template: PodTemplateSpec): void {
  template.spec ??= { containers: [] };
  applyPodSpecDefaults(template.spec, { hostNetworkPorts: false });
}

/**
 * upstream ValidatePodTemplateSpec. As upstream, label errors name
 * `<path>.labels` (not `<path>.metadata.labels`).
 */
export function validatePodTemplateSpec(template: PodTemplateSpec, path: FieldPath): FieldError[] {
  const meta = template.metadata ?? {};
  const spec = template.spec ?? { containers: [] };
  const errs = [
    ...validateLabels(meta.labels, path.child("labels")),
    ...validateAnnotations(meta.annotations, path.child("annotations")),
    ...validatePodSpec(spec, path.child("spec")),
  ];
  if ((spec.ephemeralContainers ?? []).length > 0) {
    errs.push(forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
  }
  return errs;
}
