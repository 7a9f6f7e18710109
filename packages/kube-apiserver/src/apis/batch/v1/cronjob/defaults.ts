// What the server fills in when a CronJob is decoded (upstream:
// SetDefaults_CronJob and the generated defaulters). The job template gets
// only the defaults every JobSpec gets (its pod template's, ...); the Job's
// own defaults (completions, backoffLimit, ...) apply when a Job is made from it.

import { applyJobSpecTypeDefaults } from "../job/defaults.js";
import type { CronJob } from "./schema.js";

export function applyCronJobDefaults(cronJob: CronJob): void {
  cronJob.spec ??= { schedule: "", jobTemplate: {} };
  const spec = cronJob.spec;
  spec.concurrencyPolicy ||= "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const template = spec.jobTemplate;
  // Upstream's job template always has a spec with a pod template.
  template.spec ??= { template: {} };
  applyJobSpecTypeDefaults(template.spec);
}
