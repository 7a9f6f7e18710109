// Validation of a write to a Job's /status (upstream: ValidateJobUpdateStatus
// with the options the job strategy computes while the JobManagedBy feature
// is on, as in v1.32). Because a Job may be run by another controller
// (spec.managedBy), the server checks that status moves consistently: a
// finished Job stays finished, counters do not go down, and so on. Most
// checks only run when the fields they look at changed, so that an
// unrelated status write is never blocked by an old inconsistency.

import { type FieldError, FieldPath, duplicate, invalid, invalidWithoutValue, required, semanticEqual } from "@tskube/apimachinery";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { countIndexes, overlapOfIndexes } from "./indexes.js";
import type { Job, JobCondition, JobStatus } from "./schema.js";

const STATUS = FieldPath.root("status");

const isTrue = (conditions: readonly JobCondition[] | undefined, type: string): boolean =>
  (conditions ?? []).some((c) => c.type === type && c.status === "True");

export const isJobComplete = (job: Job): boolean => isTrue(job.status?.conditions, "Complete");
export const isJobFailed = (job: Job): boolean => isTrue(job.status?.conditions, "Failed");
export const isJobFinished = (job: Job): boolean => isJobComplete(job) || isJobFailed(job);
const isFailureTarget = (job: Job): boolean => isTrue(job.status?.conditions, "FailureTarget");
const isSuccessCriteriaMet = (job: Job): boolean => isTrue(job.status?.conditions, "SuccessCriteriaMet");

/** Which checks apply to this write, by what changed (upstream: getStatusValidationOptions). */
function checksFor(job: Job, old: Job) {
  const s = job.status ?? {};
  const o = old.status ?? {};
  const isIndexed = job.spec?.completionMode === "Indexed";
  const finishedChanged = isJobFinished(old) !== isJobFinished(job);
  const completeChanged = isJobComplete(old) !== isJobComplete(job);
  const failedChanged = isJobFailed(old) !== isJobFailed(job);
  const failureTargetChanged = isFailureTarget(old) !== isFailureTarget(job);
  const completedIndexesChanged = (o.completedIndexes ?? "") !== (s.completedIndexes ?? "");
  const failedIndexesChanged = o.failedIndexes !== s.failedIndexes;
  const activeChanged = (o.active ?? 0) !== (s.active ?? 0);
  const startTimeChanged = o.startTime !== s.startTime;
  const completionTimeChanged = o.completionTime !== s.completionTime;
  const uncountedChanged = !semanticEqual(o.uncountedTerminatedPods, s.uncountedTerminatedPods);
  return {
    // An Indexed Job with completions == parallelism can be scaled down, which lowers succeeded.
    rejectDecreasingSucceeded: !isIndexed || job.spec?.completions !== job.spec?.parallelism,
    rejectInvalidCompletedIndexes: completedIndexesChanged,
    rejectInvalidFailedIndexes: failedIndexesChanged,
    rejectCompletedIndexesForNonIndexedJob: completedIndexesChanged,
    rejectFailedIndexesWithoutBackoffLimitPerIndex: failedIndexesChanged,
    rejectOverlappingIndexes: failedIndexesChanged || completedIndexesChanged,
    rejectFinishedWithActivePods: finishedChanged || activeChanged,
    rejectFinishedWithoutStartTime: finishedChanged || startTimeChanged,
    rejectFinishedWithUncountedPods: finishedChanged || uncountedChanged,
    rejectStartTimeUpdateForUnsuspended: startTimeChanged,
    rejectCompletionTimeBeforeStartTime: startTimeChanged || completionTimeChanged,
    rejectNotCompleteWithCompletionTime: completeChanged || completionTimeChanged,
    rejectCompleteWithoutCompletionTime: completeChanged || completionTimeChanged,
    rejectCompleteAndFailed: completeChanged || failedChanged,
    rejectCompleteAndFailureTarget: completeChanged || failureTargetChanged,
  };
}

type Checks = ReturnType<typeof checksFor>;

function validateUncountedPods(status: JobStatus): FieldError[] {
  const uncounted = status.uncountedTerminatedPods;
  if (uncounted === undefined) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  const path = STATUS.child("uncountedTerminatedPods");
  for (const kind of ["succeeded", "failed"] as const) {
    (uncounted[kind] ?? []).forEach((uid, i) => {
      const p = path.child(kind).index(i);
      if (uid === "") errs.push(invalid(p, uid, "must not be empty"));
      else if (seen.has(uid)) errs.push(duplicate(p, uid));
      else seen.add(uid);
    });
  }
  return errs;
}

/** upstream validateJobStatus. */
function validateJobStatus(job: Job, checks: Checks): FieldError[] {
  const status = job.status ?? {};
  const errs: FieldError[] = [];
  for (const f of ["active", "succeeded", "failed", "ready", "terminating"] as const) {
    errs.push(...validateNonNegative(status[f], STATUS.child(f)));
  }
  errs.push(...validateUncountedPods(status));

  const complete = isJobComplete(job);
  const finished = isJobFinished(job);
  if (checks.rejectCompleteAndFailed && complete && isJobFailed(job)) {
    errs.push(invalidWithoutValue(STATUS.child("conditions"), "cannot set Complete=True and Failed=true conditions"));
  }
  if (checks.rejectCompleteAndFailureTarget && complete && isFailureTarget(job)) {
    errs.push(invalidWithoutValue(STATUS.child("conditions"), "cannot set Complete=True and FailureTarget=true conditions"));
  }
  if (checks.rejectNotCompleteWithCompletionTime && status.completionTime !== undefined && !complete) {
    errs.push(invalid(STATUS.child("completionTime"), status.completionTime, "cannot set completionTime when there is no Complete=True condition"));
  }
  if (checks.rejectCompleteWithoutCompletionTime && status.completionTime === undefined && complete) {
    errs.push(required(STATUS.child("completionTime"), "completionTime is required for Complete jobs"));
  }
  if (checks.rejectCompletionTimeBeforeStartTime && status.startTime !== undefined && status.completionTime !== undefined) {
    if (Date.parse(status.completionTime) < Date.parse(status.startTime)) {
      errs.push(invalid(STATUS.child("completionTime"), status.completionTime, "must be equal to or after `startTime`"));
    }
  }
  if (checks.rejectFinishedWithActivePods && (status.active ?? 0) > 0 && finished) {
    errs.push(invalid(STATUS.child("active"), status.active, "active>0 is invalid for finished job"));
  }
  if (checks.rejectFinishedWithoutStartTime && status.startTime === undefined && finished) {
    errs.push(required(STATUS.child("startTime"), "startTime is required for finished job"));
  }
  const uncounted = status.uncountedTerminatedPods;
  if (checks.rejectFinishedWithUncountedPods && finished && uncounted !== undefined && (uncounted.failed ?? []).length + (uncounted.succeeded ?? []).length > 0) {
    errs.push(invalid(STATUS.child("uncountedTerminatedPods"), uncounted, "must be empty for finished job"));
  }

  const completions = job.spec?.completions;
  const completedIndexes = status.completedIndexes ?? "";
  if (checks.rejectInvalidCompletedIndexes && completions !== undefined) {
    try {
      countIndexes(completedIndexes, completions);
    } catch (err) {
      errs.push(invalid(STATUS.child("completedIndexes"), completedIndexes, `error parsing completedIndexes: ${(err as Error).message}`));
    }
  }
  if (checks.rejectInvalidFailedIndexes && completions !== undefined && job.spec?.backoffLimitPerIndex !== undefined && status.failedIndexes !== undefined) {
    try {
      countIndexes(status.failedIndexes, completions);
    } catch (err) {
      errs.push(invalid(STATUS.child("failedIndexes"), status.failedIndexes, `error parsing failedIndexes: ${(err as Error).message}`));
    }
  }
  const isIndexed = job.spec?.completionMode === "Indexed";
  if (checks.rejectCompletedIndexesForNonIndexedJob && completedIndexes !== "" && !isIndexed) {
    errs.push(invalid(STATUS.child("completedIndexes"), completedIndexes, "cannot set non-empty completedIndexes when non-indexed completion mode"));
  }
  if (checks.rejectFailedIndexesWithoutBackoffLimitPerIndex && job.spec?.backoffLimitPerIndex === undefined && status.failedIndexes !== undefined) {
    errs.push(invalid(STATUS.child("failedIndexes"), status.failedIndexes, "cannot set non-null failedIndexes when backoffLimitPerIndex is null"));
  }
  if (checks.rejectOverlappingIndexes && completions !== undefined && status.failedIndexes !== undefined) {
    const overlap = overlapOfIndexes(completedIndexes, status.failedIndexes, completions);
    if (overlap !== undefined) errs.push(invalid(STATUS.child("failedIndexes"), status.failedIndexes, overlap));
  }

  const successCriteriaMet = isSuccessCriteriaMet(job);
  if (successCriteriaMet && isJobFailed(job)) {
    errs.push(invalidWithoutValue(STATUS.child("conditions"), "cannot set SuccessCriteriaMet=True and Failed=true conditions"));
  }
  if (successCriteriaMet && isFailureTarget(job)) {
    errs.push(invalidWithoutValue(STATUS.child("conditions"), "cannot set SuccessCriteriaMet=True and FailureTarget=true conditions"));
  }
  if (job.spec?.successPolicy !== undefined && !successCriteriaMet && complete) {
    errs.push(invalidWithoutValue(STATUS.child("conditions"), "cannot set Complete=True for Job with SuccessPolicy unless SuccessCriteriaMet=True"));
  }
  return errs;
}

export function validateJobStatusUpdate(job: Job, old: Job): FieldError[] {
  const checks = checksFor(job, old);
  const errs = validateJobStatus(job, checks);
  const status = job.status ?? {};
  const prev = old.status ?? {};
  const conditions = STATUS.child("conditions");
  for (const type of ["Failed", "Complete", "FailureTarget"]) {
    if (isTrue(prev.conditions, type) && !isTrue(status.conditions, type)) {
      errs.push(invalidWithoutValue(conditions, `cannot disable the terminal ${type}=True condition`));
    }
  }
  if ((status.failed ?? 0) < (prev.failed ?? 0)) errs.push(invalid(STATUS.child("failed"), status.failed ?? 0, "cannot decrease the failed counter"));
  if (checks.rejectDecreasingSucceeded && (status.succeeded ?? 0) < (prev.succeeded ?? 0)) {
    errs.push(invalid(STATUS.child("succeeded"), status.succeeded ?? 0, "cannot decrease the succeeded counter"));
  }
  // completionTime may be cleared while the Job is unfinished, but not moved.
  if (status.completionTime !== undefined && prev.completionTime !== undefined && status.completionTime !== prev.completionTime) {
    errs.push(invalid(STATUS.child("completionTime"), status.completionTime, "field is immutable"));
  }
  if (checks.rejectStartTimeUpdateForUnsuspended && prev.startTime !== undefined && prev.startTime !== status.startTime && job.spec?.suspend !== true) {
    errs.push(required(STATUS.child("startTime"), "startTime cannot be removed for unsuspended job"));
  }
  if (isSuccessCriteriaMet(old) && !isSuccessCriteriaMet(job)) {
    errs.push(invalidWithoutValue(conditions, "cannot disable the SuccessCriteriaMet=True condition"));
  }
  if (isJobComplete(old) && !isSuccessCriteriaMet(old) && isSuccessCriteriaMet(job)) {
    errs.push(invalidWithoutValue(conditions, "cannot set SuccessCriteriaMet=True for Job already has Complete=true conditions"));
  }
  return errs;
}
