// apps/v1 ReplicaSet: keeps a number of identical pods running. Deployments
// manage ReplicaSets; few people create them directly. Every field of
// upstream's v1.32 type; descriptions in our own words.

import { MetaLabelSelectorSchema, ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { PodTemplateSpecSchema } from "../../../core/v1/pod-spec/schema.js";
import { CONDITIONS_BY_TYPE, conditionShape, int32, int32OrZero, int64 } from "../workload/schema.js";

export const REPLICA_SET_CONDITION_TYPES = ["ReplicaFailure"] as const;

export const ReplicaSetSpecSchema = z
  .object({
    replicas: int32("How many pods are wanted. Default 1."),
    minReadySeconds: int32("How long a new pod must be ready, without a container crashing, before it counts as available. Default 0."),
    selector: optionalField(MetaLabelSelectorSchema.describe("Selects the pods this ReplicaSet counts and owns; must match the template's labels and cannot change.")),
    template: optionalField(PodTemplateSpecSchema.describe("The pods to create when there are too few. Its restartPolicy can only be Always.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.ReplicaSetSpec" })
  .describe("How many pods a ReplicaSet keeps, and what they are.");

export const ReplicaSetConditionSchema = z
  .object(conditionShape("replica set"))
  .meta({ id: "io.k8s.api.apps.v1.ReplicaSetCondition" })
  .describe(`One observation about a ReplicaSet. Known types: ${REPLICA_SET_CONDITION_TYPES.join(", ")}.`);

export const ReplicaSetStatusSchema = z
  .object({
    replicas: int32OrZero("Pods of this ReplicaSet that are not terminating, as last counted."),
    fullyLabeledReplicas: int32("Of those, the pods that carry all the template's labels."),
    readyReplicas: int32("Of those, the pods with a Ready condition."),
    availableReplicas: int32("Of those, the pods ready for at least minReadySeconds."),
    observedGeneration: int64("The metadata.generation the controller last acted on."),
    conditions: optionalField(z.array(ReplicaSetConditionSchema).meta(CONDITIONS_BY_TYPE).describe("The latest observations of the ReplicaSet's state, one per type.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.ReplicaSetStatus" })
  .describe("What the controller last saw of a ReplicaSet.");

export const ReplicaSetSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(ReplicaSetSpecSchema),
  status: optionalField(ReplicaSetStatusSchema),
}).describe("Keeps a given number of identical pods running.");

export type ReplicaSet = z.infer<typeof ReplicaSetSchema>;
export type ReplicaSetSpec = z.infer<typeof ReplicaSetSpecSchema>;
