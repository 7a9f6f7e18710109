// batch/v1 messages in protobuf (k8s.io/api/batch/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const BATCH_V1: ProtobufPackage = {
  name: "batch/v1",
  group: "batch",
  version: "v1",
  messages: {
    CronJob: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "CronJobSpec"],
      3: ["status", "CronJobStatus"],
    },
    CronJobSpec: {
      1: ["schedule", "string", "required"],
      2: ["startingDeadlineSeconds", "*int64"],
      3: ["concurrencyPolicy", "string"],
      4: ["suspend", "*bool"],
      5: ["jobTemplate", "JobTemplateSpec"],
      6: ["successfulJobsHistoryLimit", "*int32"],
      7: ["failedJobsHistoryLimit", "*int32"],
      8: ["timeZone", "*string"],
    },
    CronJobStatus: {
      1: ["active", "[]core/v1.ObjectReference"],
      4: ["lastScheduleTime", "*Time"],
      5: ["lastSuccessfulTime", "*Time"],
    },
    Job: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "JobSpec"],
      3: ["status", "JobStatus"],
    },
    JobCondition: {
      1: ["type", "string", "required"],
      2: ["status", "string", "required"],
      3: ["lastProbeTime", "Time"],
      4: ["lastTransitionTime", "Time"],
      5: ["reason", "string"],
      6: ["message", "string"],
    },
    JobSpec: {
      1: ["parallelism", "*int32"],
      2: ["completions", "*int32"],
      3: ["activeDeadlineSeconds", "*int64"],
      4: ["selector", "*meta/v1.LabelSelector"],
      5: ["manualSelector", "*bool"],
      6: ["template", "core/v1.PodTemplateSpec"],
      7: ["backoffLimit", "*int32"],
      8: ["ttlSecondsAfterFinished", "*int32"],
      9: ["completionMode", "*string"],
      10: ["suspend", "*bool"],
      11: ["podFailurePolicy", "*PodFailurePolicy"],
      12: ["backoffLimitPerIndex", "*int32"],
      13: ["maxFailedIndexes", "*int32"],
      14: ["podReplacementPolicy", "*string"],
      15: ["managedBy", "*string"],
      16: ["successPolicy", "*SuccessPolicy"],
    },
    JobStatus: {
      1: ["conditions", "[]JobCondition"],
      2: ["startTime", "*Time"],
      3: ["completionTime", "*Time"],
      4: ["active", "int32"],
      5: ["succeeded", "int32"],
      6: ["failed", "int32"],
      7: ["completedIndexes", "string"],
      8: ["uncountedTerminatedPods", "*UncountedTerminatedPods"],
      9: ["ready", "*int32"],
      10: ["failedIndexes", "*string"],
      11: ["terminating", "*int32"],
    },
    JobTemplateSpec: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "JobSpec"],
    },
    PodFailurePolicy: {
      1: ["rules", "[]PodFailurePolicyRule", "required"],
    },
    PodFailurePolicyOnExitCodesRequirement: {
      1: ["containerName", "*string"],
      2: ["operator", "string", "required"],
      3: ["values", "[]int32", "required"],
    },
    PodFailurePolicyOnPodConditionsPattern: {
      1: ["type", "string", "required"],
      2: ["status", "string", "required"],
    },
    PodFailurePolicyRule: {
      1: ["action", "string", "required"],
      2: ["onExitCodes", "*PodFailurePolicyOnExitCodesRequirement"],
      3: ["onPodConditions", "[]PodFailurePolicyOnPodConditionsPattern"],
    },
    SuccessPolicy: {
      1: ["rules", "[]SuccessPolicyRule", "required"],
    },
    SuccessPolicyRule: {
      1: ["succeededIndexes", "*string"],
      2: ["succeededCount", "*int32"],
    },
    UncountedTerminatedPods: {
      1: ["succeeded", "[]string"],
      2: ["failed", "[]string"],
    },
  },
};
