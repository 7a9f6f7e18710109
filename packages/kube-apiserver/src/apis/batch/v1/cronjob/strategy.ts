// How CronJobs are written (upstream: pkg/registry/batch/cronjob/strategy.go):
// names are DNS subdomains; the status starts empty and generation at 1; an
// update of the main resource keeps the status and bumps the generation when
// the spec changes; a /status write keeps the spec.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { nameNotDNSLabelWarnings } from "../../../apps/v1/workload/warnings.js";
import { warningsForJobSpec } from "../job/strategy.js";
import { applyCronJobDefaults } from "./defaults.js";
import type { CronJob } from "./schema.js";
import { validateCronJob, validateCronJobUpdate } from "./validation.js";

const JOB_SPEC_PATH = "spec.jobTemplate.spec";

function timeZoneInScheduleWarnings(cronJob: CronJob): string[] {
  // Upstream names the field spec.spec.schedule here; clients see that text.
  return cronJob.spec?.schedule.includes("TZ")
    ? ["CRON_TZ or TZ used in spec.spec.schedule is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details"]
    : [];
}

export const cronJobStrategy: Strategy<CronJob> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyCronJobDefaults,

  prepareForCreate(cronJob) {
    cronJob.status = {};
  },

  validate: validateCronJob,
  validateUpdate: validateCronJobUpdate,
  // The spec is the old one (the library keeps it); upstream checks nothing more for a status write.
  validateStatusUpdate: () => [],

  warningsOnCreate: (cronJob) => [
    ...nameNotDNSLabelWarnings(cronJob.metadata.name),
    ...warningsForJobSpec(cronJob.spec!.jobTemplate.spec ?? { template: {} }, JOB_SPEC_PATH),
    ...timeZoneInScheduleWarnings(cronJob),
  ],
  warningsOnUpdate: (cronJob, old) => [
    ...(cronJob.metadata.generation !== old.metadata.generation ? warningsForJobSpec(cronJob.spec!.jobTemplate.spec ?? { template: {} }, JOB_SPEC_PATH) : []),
    ...timeZoneInScheduleWarnings(cronJob),
  ],
};
