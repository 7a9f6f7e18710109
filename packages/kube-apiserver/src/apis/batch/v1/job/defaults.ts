// What the server fills in when a Job is decoded (upstream: SetDefaults_Job
// and the generated defaulters in pkg/apis/batch/v1). The selector and the
// pod template's labels are generated later, on create (strategy.ts), since
// they need the Job's uid.

import { applyPodTemplateSpecDefaults } from "../../../core/v1/pod-spec/template.js";
import type { Job, JobSpec } from "./schema.js";

const MAX_INT32 = 2147483647;

/**
 * Defaults of a JobSpec wherever it appears, a Job or a CronJob's job
 * template: the pod template's, condition patterns' status True, and the
 * nulls upstream writes for unset pod failure policy fields.
 */
export function applyJobSpecTypeDefaults(spec: JobSpec): void {
  applyPodTemplateSpecDefaults(spec.template);
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    if (rule.onExitCodes === undefined) rule.onExitCodes = null;
    if (rule.onExitCodes && rule.onExitCodes.containerName === undefined) rule.onExitCodes.containerName = null;
    if (rule.onPodConditions === undefined) rule.onPodConditions = null;
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= "True";
  }
}

export function applyJobDefaults(job: Job): void {
  job.spec ??= { template: {} };
  const spec = job.spec;
  applyJobSpecTypeDefaults(spec);
  // With neither set, the Job runs one pod to one success.
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  // With a per-index limit, the overall limit does not apply unless set.
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  copyTemplateLabels(job);
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy !== undefined ? "Failed" : "TerminatingOrFailed";
  spec.manualSelector ??= false;
}

/** A Job without labels of its own shows its pod template's (upstream defaulting; it runs on every read). */
export function copyTemplateLabels(job: Job): void {
  const templateLabels = job.spec?.template.metadata?.labels;
  if (templateLabels !== undefined && Object.keys(job.metadata.labels ?? {}).length === 0) {
    job.metadata.labels = { ...templateLabels };
  }
}
