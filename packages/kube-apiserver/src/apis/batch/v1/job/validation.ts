// Validation of Jobs (upstream: ValidateJob and ValidateJobUpdate in
// pkg/apis/batch/validation/validation.go, with the options the job
// strategy passes). The spec's own rules are in spec-validation.ts.

import { type FieldError, FieldPath, invalid, isDNS1123Label, required, validateImmutableField, validateLabelSelector } from "@tskube/apimachinery";
import { goLabelSelector, goStringMap, invalidGo } from "../../../apps/v1/workload/go-value.js";
import { parseSelector, validateImmutableSelector, validateTemplateLabelsMatch } from "../../../apps/v1/workload/selector.js";
import type { PodTemplateSpec } from "../../../core/v1/pod-spec/schema.js";
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, type Job, type JobSpec, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from "./schema.js";
import { validateJobSpecFields } from "./spec-validation.js";

const SPEC = FieldPath.root("spec");
const TEMPLATE_METADATA = SPEC.child("template", "metadata");

/** upstream ValidateHasLabel: the template has `key` with value `expected`. */
function validateHasLabel(template: PodTemplateSpec, key: string, expected: string): FieldError[] {
  const labels = template.metadata?.labels ?? {};
  const path = TEMPLATE_METADATA.child("labels").key(key);
  if (!(key in labels)) return [required(path, expected)];
  return labels[key] === expected ? [] : [invalidGo(path, goStringMap(labels), `must be '${expected}'`)];
}

/**
 * Unless the client chose its own selector, the generated labels must be on
 * the template and the selector must select them (upstream: validateGeneratedSelector).
 * `requirePrefixedLabels` is off only for old Jobs made before the batch.kubernetes.io labels.
 */
function validateGeneratedSelector(job: Job, requirePrefixedLabels: boolean): FieldError[] {
  const spec = job.spec!;
  if (spec.manualSelector === true || spec.selector === undefined) return [];
  const uid = job.metadata.uid ?? "";
  const name = job.metadata.name ?? "";
  const errs: FieldError[] = [];
  if (uid === "") errs.push(required("metadata.uid"));
  errs.push(...validateHasLabel(spec.template, LEGACY_CONTROLLER_UID_LABEL, uid), ...validateHasLabel(spec.template, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = { [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  if (requirePrefixedLabels) {
    errs.push(...validateHasLabel(spec.template, CONTROLLER_UID_LABEL, uid), ...validateHasLabel(spec.template, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  // A malformed selector is reported by the selector's own validation.
  const selector = parseSelector(spec.selector);
  if (selector !== undefined && !selector.matches(expected)) {
    errs.push(invalidGo(SPEC.child("selector"), goLabelSelector(spec.selector), "`selector` not auto-generated"));
  }
  return errs;
}

/** A Job's spec: the fields, a selector that is present and valid, and that selects the template's labels. */
function validateJobSpec(spec: JobSpec): FieldError[] {
  const errs = validateJobSpecFields(spec, SPEC);
  if (spec.selector === undefined) errs.push(required(SPEC.child("selector")));
  else errs.push(...validateLabelSelector(spec.selector, SPEC.child("selector")));
  // Unlike apps/v1, an empty selector is fine (it selects every label set); a missing one selects none.
  const selector = parseSelector(spec.selector);
  if (selector !== undefined) errs.push(...validateTemplateLabelsMatch(selector, spec.template.metadata?.labels, SPEC.child("template")));
  return errs;
}

export interface JobValidationOptions {
  /** Check the batch.kubernetes.io labels too (off for Jobs created before they existed). */
  requirePrefixedLabels: boolean;
  /** A suspended Job that never started may change where its pods go (node affinity, selector, tolerations, ...). */
  allowMutableSchedulingDirectives: boolean;
}

export function validateJob(job: Job, opts: JobValidationOptions = { requirePrefixedLabels: true, allowMutableSchedulingDirectives: false }): FieldError[] {
  const spec = job.spec!;
  const errs = [...validateGeneratedSelector(job, opts.requirePrefixedLabels), ...validateJobSpec(spec)];
  // An Indexed Job's pods are named <job>-<index>, which must stay a DNS label.
  if (spec.completionMode === "Indexed" && spec.completions !== undefined && spec.completions > 0) {
    const hostname = `${job.metadata.name ?? ""}-${spec.completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalid("metadata.name", job.metadata.name ?? "", `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

/** Completions may change only for an Indexed Job, and then together with parallelism (elastic Indexed Jobs). */
function validateCompletionsUpdate(spec: JobSpec, old: JobSpec): FieldError[] {
  const path = SPEC.child("completions");
  if (spec.completionMode !== "Indexed") return validateImmutableField(spec.completions, old.completions, path);
  if (spec.completions === old.completions || spec.completions === undefined) return [];
  return spec.completions !== spec.parallelism ? [invalid(path, spec.completions, "can only be modified in tandem with spec.parallelism")] : [];
}

/**
 * The template cannot change, except that a suspended Job that never
 * started may change its labels, annotations, node affinity, node selector,
 * tolerations and scheduling gates.
 */
function validateTemplateUpdate(spec: JobSpec, old: JobSpec, opts: JobValidationOptions): FieldError[] {
  const template = spec.template;
  let oldTemplate = old.template;
  if (opts.allowMutableSchedulingDirectives) {
    oldTemplate = structuredClone(old.template);
    const next = template.spec ?? { containers: [] };
    const prev = (oldTemplate.spec ??= { containers: [] });
    if (next.affinity === undefined && prev.affinity !== undefined) {
      // Clearing the affinity is fine when node affinity was all it had.
      delete prev.affinity.nodeAffinity;
      if (Object.keys(prev.affinity).length === 0) delete prev.affinity;
    } else if (next.affinity !== undefined && prev.affinity === undefined) {
      prev.affinity = next.affinity.nodeAffinity !== undefined ? { nodeAffinity: next.affinity.nodeAffinity } : {};
    } else if (next.affinity !== undefined && prev.affinity !== undefined) {
      if (next.affinity.nodeAffinity === undefined) delete prev.affinity.nodeAffinity;
      else prev.affinity.nodeAffinity = next.affinity.nodeAffinity;
    }
    prev.nodeSelector = next.nodeSelector;
    prev.tolerations = next.tolerations;
    prev.schedulingGates = next.schedulingGates;
    oldTemplate.metadata = { ...oldTemplate.metadata, labels: template.metadata?.labels, annotations: template.metadata?.annotations };
  }
  return validateImmutableField(template, oldTemplate, SPEC.child("template"));
}

export function validateJobUpdate(job: Job, old: Job, opts: JobValidationOptions): FieldError[] {
  const spec = job.spec!;
  const prev = old.spec!;
  // As upstream, the update check runs the spec's validation once more.
  return [
    ...validateJob(job, opts),
    ...validateJobSpec(spec),
    ...validateCompletionsUpdate(spec, prev),
    ...validateImmutableSelector(spec.selector, prev.selector, SPEC.child("selector")),
    ...validateTemplateUpdate(spec, prev, opts),
    ...validateImmutableField(spec.completionMode, prev.completionMode, SPEC.child("completionMode")),
    ...validateImmutableField(spec.podFailurePolicy, prev.podFailurePolicy, SPEC.child("podFailurePolicy")),
    ...validateImmutableField(spec.backoffLimitPerIndex, prev.backoffLimitPerIndex, SPEC.child("backoffLimitPerIndex")),
    ...validateImmutableField(spec.managedBy, prev.managedBy, SPEC.child("managedBy")),
    ...validateImmutableField(spec.successPolicy, prev.successPolicy, SPEC.child("successPolicy")),
  ];
}
