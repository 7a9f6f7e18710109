// How Jobs are written (upstream: pkg/registry/batch/job/strategy.go).
// Names are DNS subdomains. On create the server picks the selector and
// labels the pod template so that the Job's pods are its own (unless
// manualSelector is true); the status starts empty and generation at 1. An
// update of the main resource keeps the status and may change only what
// validation.ts allows; spec changes bump the generation (the library does
// that for kinds with a status subresource). A /status write keeps the spec.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { nameNotDNSLabelWarnings } from "../../../apps/v1/workload/warnings.js";
import { applyJobDefaults, copyTemplateLabels } from "./defaults.js";
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, type Job, type JobSpec, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from "./schema.js";
import { validateJobStatusUpdate } from "./status-validation.js";
import { type JobValidationOptions, validateJob, validateJobUpdate } from "./validation.js";

/**
 * Labels the template with the Job's name and uid (labels the client set are
 * kept; validation rejects them if they are wrong) and selects the uid label.
 */
export function generateSelector(job: Job): void {
  const spec = job.spec!;
  const template = spec.template;
  template.metadata ??= {};
  const labels = (template.metadata.labels ??= {});
  const name = job.metadata.name ?? "";
  const uid = job.metadata.uid ?? "";
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  spec.selector ??= {};
  const matchLabels = (spec.selector.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
}

const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_SOFT_LIMIT = 10_000;

/** upstream WarningsForJobSpec (without pod template warnings, which the server does not produce yet). */
export function warningsForJobSpec(spec: JobSpec, path: string): string[] {
  if (spec.completionMode === "Indexed" && (spec.completions ?? 0) > COMPLETIONS_SOFT_LIMIT && (spec.parallelism ?? 0) > PARALLELISM_SOFT_LIMIT) {
    return [
      `${path}: In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail`,
    ];
  }
  return [];
}

function updateOptions(old: Job): JobValidationOptions {
  const labels = old.spec?.template.metadata?.labels ?? {};
  return {
    // Jobs created before the batch.kubernetes.io labels existed keep validating without them.
    requirePrefixedLabels: JOB_NAME_LABEL in labels && CONTROLLER_UID_LABEL in labels,
    allowMutableSchedulingDirectives: old.spec?.suspend === true && old.status?.startTime === undefined,
  };
}

export const jobStrategy: Strategy<Job> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyJobDefaults,

  prepareForCreate(job) {
    if (job.spec?.manualSelector !== true) generateSelector(job);
    job.status = {};
    // Upstream's defaulting, which runs again whenever the Job is read, now sees the generated labels.
    copyTemplateLabels(job);
  },

  validate: (job) => validateJob(job),
  validateUpdate: (job, old) => validateJobUpdate(job, old, updateOptions(old)),
  // The spec is the old one (the library keeps it): only the status is checked.
  validateStatusUpdate: validateJobStatusUpdate,

  warningsOnCreate: (job) => [...nameNotDNSLabelWarnings(job.metadata.name), ...warningsForJobSpec(job.spec!, "spec")],
  warningsOnUpdate: (job, old) => (job.metadata.generation !== old.metadata.generation ? warningsForJobSpec(job.spec!, "spec") : []),
};
