// Validation of CronJobs (upstream: ValidateCronJobCreate, ValidateCronJobUpdate
// and ValidateJobTemplateSpec in pkg/apis/batch/validation/validation.go).

import { type FieldError, FieldPath, invalid, maxLenError, notSupported, required } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { goLabelSelector, invalidGo } from "../../../apps/v1/workload/go-value.js";
import { validateJobSpecFields } from "../job/spec-validation.js";
import type { CronJob, CronJobSpec } from "./schema.js";
import { cronScheduleError } from "./schedule.js";
import { loadLocationError } from "./time-zone.js";

const SPEC = FieldPath.root("spec");

/** The controller names each Job `<cronjob>-<11 characters>`, and Job names stay DNS-1035 labels (63). */
const MAX_NAME_LENGTH = 63 - 11;

// Upstream's reading of the IANA naming rules, with digits and '+' for legacy names.
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(timeZone: string | undefined, path: FieldPath): FieldError[] {
  if (timeZone === undefined) return [];
  if (timeZone === "") return [invalid(path, timeZone, "timeZone must be nil or non-empty string")];
  for (const part of timeZone.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !TIME_ZONE_PART.test(part)) {
      return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
    }
  }
  const errs: FieldError[] = [];
  if (timeZone.toLowerCase() === "local") {
    errs.push(invalid(path, timeZone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
  }
  const loadError = loadLocationError(timeZone);
  if (loadError !== undefined) errs.push(invalid(path, timeZone, loadError));
  return errs;
}

/**
 * The schedule must parse; a TZ= prefix is refused (the timeZone field
 * replaced it), except that a CronJob that already had one may keep it.
 */
function validateSchedule(spec: CronJobSpec, old: CronJobSpec | undefined, path: FieldPath): FieldError[] {
  const schedule = spec.schedule;
  if (schedule === "") return [required(path)];
  const errs: FieldError[] = [];
  const parseError = cronScheduleError(schedule);
  if (parseError !== undefined) errs.push(invalid(path, schedule, parseError));
  const allowTZ = old !== undefined && old.schedule.includes("TZ");
  if (allowTZ && schedule.includes("TZ") && spec.timeZone !== undefined) {
    errs.push(invalid(path, schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
  } else if (!allowTZ && schedule.includes("TZ")) {
    errs.push(invalid(path, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  return errs;
}

function validateCronJobSpec(spec: CronJobSpec, old: CronJobSpec | undefined): FieldError[] {
  const errs = validateSchedule(spec, old, SPEC.child("schedule"));
  errs.push(...validateNonNegative(spec.startingDeadlineSeconds, SPEC.child("startingDeadlineSeconds")));
  // An unchanged zone is not checked again (the zone database may have changed since).
  if (old === undefined || old.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone, SPEC.child("timeZone")));

  const policy = spec.concurrencyPolicy ?? "";
  if (policy === "") errs.push(required(SPEC.child("concurrencyPolicy")));
  else if (!["Allow", "Forbid", "Replace"].includes(policy)) errs.push(notSupported(SPEC.child("concurrencyPolicy"), policy, ["Allow", "Forbid", "Replace"]));

  const jobSpec = spec.jobTemplate.spec ?? { template: {} };
  const jobSpecPath = SPEC.child("jobTemplate", "spec");
  errs.push(...validateJobSpecFields(jobSpec, jobSpecPath));
  // The selector of each Job is generated when it is created.
  if (jobSpec.selector !== undefined) errs.push(invalidGo(jobSpecPath.child("selector"), goLabelSelector(jobSpec.selector), "`selector` will be auto-generated"));
  if (jobSpec.manualSelector === true) errs.push(notSupported(jobSpecPath.child("manualSelector"), true, ["nil", "false"]));

  for (const f of ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] as const) errs.push(...validateNonNegative(spec[f], SPEC.child(f)));
  return errs;
}

export function validateCronJob(cronJob: CronJob): FieldError[] {
  const errs = validateCronJobSpec(cronJob.spec!, undefined);
  const name = cronJob.metadata.name ?? "";
  if (name.length > MAX_NAME_LENGTH) errs.push(invalid("metadata.name", name, maxLenError(MAX_NAME_LENGTH)));
  return errs;
}

/** On update the name length is not checked, so that older, longer-named CronJobs can still be changed. */
export function validateCronJobUpdate(cronJob: CronJob, old: CronJob): FieldError[] {
  return validateCronJobSpec(cronJob.spec!, old.spec);
}
