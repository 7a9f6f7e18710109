// batch/v1 CronJob: a Job created on a cron schedule. Every field of
// upstream's v1.32 type; descriptions in our own words.

import { ObjectMetaSchema, TimeSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { ObjectReferenceSchema } from "../../../core/v1/object-reference.js";
import { JobSpecSchema } from "../job/schema.js";

export const CONCURRENCY_POLICIES = ["Allow", "Forbid", "Replace"] as const;

const opt = optionalField;

function obj<T extends z.ZodRawShape>(id: string, shape: T, description: string) {
  return z.object(shape).meta({ id: `io.k8s.api.batch.v1.${id}` }).describe(description);
}

export const JobTemplateSpecSchema = obj("JobTemplateSpec", {
  metadata: opt(ObjectMetaSchema.describe("Metadata of the Jobs created from the template.")),
  spec: opt(JobSpecSchema),
}, "The Job a CronJob creates each time it runs.");

export const CronJobSpecSchema = obj("CronJobSpec", {
  schedule: stringOrEmpty("When to run, in cron format (`*/5 * * * *`) or a descriptor such as @hourly."),
  timeZone: opt(z.string().describe("The IANA time zone the schedule is read in; the controller manager's zone when unset.")),
  startingDeadlineSeconds: opt(z.number().int().describe("Seconds after a missed time within which the Job may still start; later, the run is skipped.")),
  concurrencyPolicy: opt(knownStrings(CONCURRENCY_POLICIES, "What to do when the previous Job is still running; defaults to Allow.")),
  suspend: opt(z.boolean().describe("When true, no new Jobs are started; defaults to false.")),
  jobTemplate: z
    .preprocess((v) => (v === null ? undefined : v), JobTemplateSpecSchema.default({}))
    .describe("The Job to create."),
  successfulJobsHistoryLimit: opt(z.int32().describe("Finished successful Jobs to keep; defaults to 3.")),
  failedJobsHistoryLimit: opt(z.int32().describe("Finished failed Jobs to keep; defaults to 1.")),
}, "When a CronJob runs and what it creates.");

export const CronJobStatusSchema = obj("CronJobStatus", {
  active: opt(z.array(ObjectReferenceSchema).meta({ "x-kubernetes-list-type": "atomic" }).describe("The Jobs running now.")),
  lastScheduleTime: opt(TimeSchema.describe("When a Job was last scheduled.")),
  lastSuccessfulTime: opt(TimeSchema.describe("When a Job last succeeded.")),
}, "What a CronJob has done so far.");

export const CronJobSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  spec: optionalField(CronJobSpecSchema),
  status: optionalField(CronJobStatusSchema),
}).describe("A Job run on a schedule.");

export type CronJob = z.infer<typeof CronJobSchema>;
export type CronJobSpec = z.infer<typeof CronJobSpecSchema>;
