// apps/v1 StatefulSet: pods with stable identities (names, host names and
// storage from volumeClaimTemplates), created and replaced in order. Every
// field of upstream's v1.32 type; descriptions in our own words.

import { MetaLabelSelectorSchema, ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { PersistentVolumeClaimSchema } from "../../../core/v1/persistentvolumeclaim/schema.js";
import { IntOrStringSchema, PodTemplateSpecSchema } from "../../../core/v1/pod-spec/schema.js";
import { CONDITIONS_BY_TYPE, conditionShape, int32, int32OrZero, int64 } from "../workload/schema.js";

export const POD_MANAGEMENT_POLICIES = ["OrderedReady", "Parallel"] as const;
export const STATEFUL_SET_UPDATE_STRATEGY_TYPES = ["RollingUpdate", "OnDelete"] as const;
export const PVC_RETENTION_POLICIES = ["Retain", "Delete"] as const;

export const RollingUpdateStatefulSetStrategySchema = z
  .object({
    partition: int32("Only pods with an ordinal at or above this one are updated; the others keep the old revision. Default 0."),
    maxUnavailable: optionalField(
      IntOrStringSchema.describe(
        "How many pods may be unavailable during an update, a number or a percentage (rounded up), not 0. Default 1; used only with the MaxUnavailableStatefulSet feature, which is off.",
      ),
    ),
  })
  .meta({ id: "io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy" })
  .describe("Parameters of a rolling update of a StatefulSet.");

export const StatefulSetUpdateStrategySchema = z
  .object({
    type: optionalField(
      knownStrings(STATEFUL_SET_UPDATE_STRATEGY_TYPES, "RollingUpdate (the default) replaces pods in order; OnDelete waits for pods to be deleted."),
    ),
    rollingUpdate: optionalField(RollingUpdateStatefulSetStrategySchema.describe("Parameters of a RollingUpdate.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.StatefulSetUpdateStrategy" })
  .describe("How a StatefulSet brings its pods to a new template.");

export const StatefulSetPersistentVolumeClaimRetentionPolicySchema = z
  .object({
    whenDeleted: optionalField(knownStrings(PVC_RETENTION_POLICIES, "What happens to the claims when the StatefulSet is deleted. Default Retain.")),
    whenScaled: optionalField(knownStrings(PVC_RETENTION_POLICIES, "What happens to the claims of pods removed by scaling down. Default Retain.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy" })
  .describe("Whether the claims made from volumeClaimTemplates outlive the StatefulSet and its removed pods.");

export const StatefulSetOrdinalsSchema = z
  .object({
    start: int32OrZero("The index of the first pod; pods are numbered start to start+replicas-1. Default 0."),
  })
  .meta({ id: "io.k8s.api.apps.v1.StatefulSetOrdinals" })
  .describe("How a StatefulSet numbers its pods.");

export const StatefulSetSpecSchema = z
  .object({
    replicas: int32("How many pods are wanted. Default 1."),
    selector: optionalField(MetaLabelSelectorSchema.describe("Selects the pods this StatefulSet owns; must match the template's labels and cannot change.")),
    template: optionalField(
      PodTemplateSpecSchema.describe("The pods to create; pod N of StatefulSet web is named web-N. Its restartPolicy can only be Always."),
    ),
    volumeClaimTemplates: optionalField(
      z
        .array(PersistentVolumeClaimSchema)
        .meta({ "x-kubernetes-list-type": "atomic" })
        .describe("Claims made for each pod and mounted by name; a claim here wins over a template volume of the same name. Cannot change."),
    ),
    serviceName: stringOrEmpty("The headless Service that gives the pods their DNS names (pod.service.namespace.svc...). Cannot change."),
    podManagementPolicy: optionalField(
      knownStrings(POD_MANAGEMENT_POLICIES, "OrderedReady (the default) creates and removes pods one at a time, in order; Parallel all at once. Cannot change."),
    ),
    updateStrategy: optionalField(StatefulSetUpdateStrategySchema.describe("How pods are brought to a new template.")),
    revisionHistoryLimit: int32("How many old revisions (ControllerRevisions) to keep. Default 10."),
    minReadySeconds: int32("How long a new pod must be ready, without a container crashing, before it counts as available. Default 0."),
    persistentVolumeClaimRetentionPolicy: optionalField(
      StatefulSetPersistentVolumeClaimRetentionPolicySchema.describe("Whether claims from volumeClaimTemplates are deleted with the StatefulSet or on scale-down."),
    ),
    ordinals: optionalField(StatefulSetOrdinalsSchema.describe("How the pods are numbered.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.StatefulSetSpec" })
  .describe("What a StatefulSet runs, and how its pods are named, stored and updated.");

export const StatefulSetConditionSchema = z
  .object(conditionShape("stateful set"))
  .meta({ id: "io.k8s.api.apps.v1.StatefulSetCondition" })
  .describe("One observation about a StatefulSet.");

export const StatefulSetStatusSchema = z
  .object({
    observedGeneration: int64("The metadata.generation the controller last acted on."),
    replicas: int32OrZero("Pods the controller has created."),
    readyReplicas: int32("Of those, the pods with a Ready condition."),
    currentReplicas: int32("Of those, the pods at currentRevision."),
    updatedReplicas: int32("Of those, the pods at updateRevision."),
    currentRevision: optionalField(z.string().describe("The revision of the pods with the lowest ordinals, [0, currentReplicas).")),
    updateRevision: optionalField(z.string().describe("The revision pods are being updated to, [replicas-updatedReplicas, replicas).")),
    collisionCount: int32("Hash collisions met when naming new ControllerRevisions; the controller uses it to pick a free name."),
    conditions: optionalField(z.array(StatefulSetConditionSchema).meta(CONDITIONS_BY_TYPE).describe("The latest observations of the StatefulSet's state, one per type.")),
    availableReplicas: int32OrZero("Pods ready for at least minReadySeconds."),
  })
  .meta({ id: "io.k8s.api.apps.v1.StatefulSetStatus" })
  .describe("What the controller last saw of a StatefulSet.");

export const StatefulSetSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(StatefulSetSpecSchema),
  status: optionalField(StatefulSetStatusSchema),
}).describe("Pods with stable names and storage, created, updated and removed in order.");

export type StatefulSet = z.infer<typeof StatefulSetSchema>;
export type StatefulSetSpec = z.infer<typeof StatefulSetSpecSchema>;
export type StatefulSetUpdateStrategy = z.infer<typeof StatefulSetUpdateStrategySchema>;
export type StatefulSetStatus = z.infer<typeof StatefulSetStatusSchema>;
