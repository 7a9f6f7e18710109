// batch/v1 Job: pods run to completion, retried on failure until enough of
// them succeed. Every field of upstream's v1.32 type; descriptions in our own
// words. JobSpec is shared with CronJob's job template (../cronjob/).

import { MetaLabelSelectorSchema, ObjectMetaSchema, TimeSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { PodTemplateSpecSchema } from "../../../core/v1/pod-spec/schema.js";

export const COMPLETION_MODES = ["NonIndexed", "Indexed"] as const;
export const POD_REPLACEMENT_POLICIES = ["TerminatingOrFailed", "Failed"] as const;
export const POD_FAILURE_POLICY_ACTIONS = ["FailJob", "FailIndex", "Ignore", "Count"] as const;
export const JOB_CONDITION_TYPES = ["Suspended", "Complete", "Failed", "FailureTarget", "SuccessCriteriaMet"] as const;

/** Labels the server puts on a Job's pod template (and selects with), and their legacy spellings. */
export const CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const LEGACY_CONTROLLER_UID_LABEL = "controller-uid";
export const LEGACY_JOB_NAME_LABEL = "job-name";

const opt = optionalField;
const int32 = (d: string) => opt(z.int32().describe(d));
const ATOMIC = { "x-kubernetes-list-type": "atomic" };

function obj<T extends z.ZodRawShape>(id: string, shape: T, description: string) {
  return z.object(shape).meta({ id: `io.k8s.api.batch.v1.${id}` }).describe(description);
}

/**
 * A field upstream always writes, as null when unset (a pointer or slice
 * without omitempty): null is kept, and defaults.ts turns a missing one into null.
 */
const alwaysWritten = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const PodFailurePolicyOnExitCodesRequirementSchema = obj("PodFailurePolicyOnExitCodesRequirement", {
  containerName: alwaysWritten(z.string().describe("Only exit codes of this container count; all containers when null.")),
  operator: knownStrings(["In", "NotIn"], "How the exit codes relate to the values.").default(""),
  values: z.array(z.int32()).meta({ "x-kubernetes-list-type": "set" }).default([]).describe("Exit codes, in increasing order, without duplicates; at most 255."),
}, "A rule on the exit codes of a failed pod's containers (exit code 0 never counts).");

export const PodFailurePolicyOnPodConditionsPatternSchema = obj("PodFailurePolicyOnPodConditionsPattern", {
  type: stringOrEmpty("The pod condition type to match."),
  status: stringOrEmpty("The condition status to match; defaults to True."),
}, "Matches a condition of a failed pod.");

export const PodFailurePolicyRuleSchema = obj("PodFailurePolicyRule", {
  action: knownStrings(POD_FAILURE_POLICY_ACTIONS, "What to do when the rule matches.").default(""),
  onExitCodes: alwaysWritten(PodFailurePolicyOnExitCodesRequirementSchema),
  onPodConditions: alwaysWritten(
    z.array(PodFailurePolicyOnPodConditionsPatternSchema).meta(ATOMIC).describe("Pod condition patterns, any of which matches; at most 20."),
  ),
}, "What to do about a failed pod that matches; exactly one of onExitCodes and onPodConditions.");

export const PodFailurePolicySchema = obj("PodFailurePolicy", {
  rules: z.array(PodFailurePolicyRuleSchema).meta(ATOMIC).default([]).describe("Rules tried in order; the first match decides. At most 20."),
}, "How pod failures count against the backoff limit.");

export const SuccessPolicyRuleSchema = obj("SuccessPolicyRule", {
  succeededIndexes: opt(z.string().describe("Indexes that must all succeed, as intervals like `1,3-5,7`.")),
  succeededCount: int32("How many indexes (of succeededIndexes, if set) must succeed."),
}, "A condition under which an Indexed Job counts as succeeded early.");

export const SuccessPolicySchema = obj("SuccessPolicy", {
  rules: z.array(SuccessPolicyRuleSchema).meta(ATOMIC).default([]).describe("Alternatives; the first that holds makes the Job succeed. 1 to 20 rules."),
}, "When an Indexed Job succeeds before all its completions.");

export const JobSpecSchema = obj("JobSpec", {
  parallelism: int32("At most this many pods run at once; defaults to 1."),
  completions: int32("Successful pods needed; unset means any one success completes the Job."),
  activeDeadlineSeconds: opt(z.number().int().describe("Seconds the Job may run (counted from its start) before it is failed.")),
  podFailurePolicy: opt(PodFailurePolicySchema),
  successPolicy: opt(SuccessPolicySchema),
  backoffLimit: int32("Retries before the Job is failed; defaults to 6."),
  backoffLimitPerIndex: int32("Retries per index of an Indexed Job before that index fails."),
  maxFailedIndexes: int32("Failed indexes tolerated before the whole Indexed Job fails; needs backoffLimitPerIndex."),
  selector: opt(MetaLabelSelectorSchema.describe("The pods of the Job; the server sets it unless manualSelector is true.")),
  manualSelector: opt(z.boolean().describe("When true, the client picks the selector and pod labels itself; defaults to false.")),
  template: z
    .preprocess((v) => (v === null ? undefined : v), PodTemplateSpecSchema.default({}))
    .describe("The pods to run; restartPolicy must be OnFailure or Never."),
  ttlSecondsAfterFinished: int32("Seconds after the Job finishes until it may be deleted automatically."),
  completionMode: opt(knownStrings(COMPLETION_MODES, "How completions are counted; defaults to NonIndexed.")),
  suspend: opt(z.boolean().describe("When true, no pods are created (running ones are stopped); defaults to false.")),
  podReplacementPolicy: opt(knownStrings(POD_REPLACEMENT_POLICIES, "When a replacement pod is created.")),
  managedBy: opt(z.string().describe("The controller that manages the Job; the built-in one when unset. Cannot change.")),
}, "What a Job runs and how often.");

export const UncountedTerminatedPodsSchema = obj("UncountedTerminatedPods", {
  succeeded: opt(z.array(z.string()).meta({ "x-kubernetes-list-type": "set" }).describe("UIDs of succeeded pods not counted yet.")),
  failed: opt(z.array(z.string()).meta({ "x-kubernetes-list-type": "set" }).describe("UIDs of failed pods not counted yet.")),
}, "Finished pods the controller has not yet added to the counters.");

export const JobConditionSchema = obj("JobCondition", {
  type: knownStrings(JOB_CONDITION_TYPES, "What the condition is about.").default(""),
  status: stringOrEmpty("True, False or Unknown."),
  lastProbeTime: opt(TimeSchema.describe("When the condition was last checked.")),
  lastTransitionTime: opt(TimeSchema.describe("When the status last changed.")),
  reason: opt(z.string().describe("Why, as one CamelCase word.")),
  message: opt(z.string().describe("Why, in words.")),
}, "One observation about a Job.");

export const JobStatusSchema = obj("JobStatus", {
  conditions: opt(
    z
      .array(JobConditionSchema)
      .meta({ "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "type", "x-kubernetes-list-type": "atomic" })
      .describe("Observations: Complete, Failed, Suspended, ..."),
  ),
  startTime: opt(TimeSchema.describe("When the controller started the Job (reset on resume).")),
  completionTime: opt(TimeSchema.describe("When the Job succeeded.")),
  active: int32("Pending and running pods."),
  succeeded: int32("Pods that succeeded."),
  failed: int32("Pods that failed."),
  terminating: int32("Pods being terminated."),
  completedIndexes: opt(z.string().describe("Completed indexes of an Indexed Job, as intervals like `1,3-5,7`.")),
  failedIndexes: opt(z.string().describe("Failed indexes, as intervals, when backoffLimitPerIndex is set.")),
  uncountedTerminatedPods: opt(UncountedTerminatedPodsSchema),
  ready: int32("Pods with a Ready condition."),
}, "What the Job has done so far.");

export const JobSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  spec: optionalField(JobSpecSchema),
  status: optionalField(JobStatusSchema),
}).describe("Pods that run until enough of them succeed.");

export type Job = z.infer<typeof JobSchema>;
export type JobSpec = z.infer<typeof JobSpecSchema>;
export type JobStatus = z.infer<typeof JobStatusSchema>;
export type JobCondition = z.infer<typeof JobConditionSchema>;
export type PodFailurePolicy = z.infer<typeof PodFailurePolicySchema>;
export type PodFailurePolicyRule = z.infer<typeof PodFailurePolicyRuleSchema>;
export type SuccessPolicy = z.infer<typeof SuccessPolicySchema>;
