// apps/v1 Deployment: declarative updates of a set of identical pods, done by
// rolling one ReplicaSet into another. Every field of upstream's v1.32 type;
// descriptions in our own words.

import { MetaLabelSelectorSchema, ObjectMetaSchema, TimeSchema, TypeMetaSchema, knownStrings, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { IntOrStringSchema, PodTemplateSpecSchema } from "../../../core/v1/pod-spec/schema.js";
import { CONDITIONS_BY_TYPE, conditionShape, int32, int64 } from "../workload/schema.js";

export const DEPLOYMENT_STRATEGY_TYPES = ["Recreate", "RollingUpdate"] as const;
export const DEPLOYMENT_CONDITION_TYPES = ["Available", "Progressing", "ReplicaFailure"] as const;

export const RollingUpdateDeploymentSchema = z
  .object({
    maxUnavailable: optionalField(
      IntOrStringSchema.describe(
        "How many pods may be unavailable during an update: a number or a percentage of the desired pods (rounded down). Default 25%; not 0 when maxSurge is 0.",
      ),
    ),
    maxSurge: optionalField(
      IntOrStringSchema.describe(
        "How many pods may exist above the desired number during an update: a number or a percentage (rounded up). Default 25%; not 0 when maxUnavailable is 0.",
      ),
    ),
  })
  .meta({ id: "io.k8s.api.apps.v1.RollingUpdateDeployment" })
  .describe("How fast a rolling update may go.");

export const DeploymentStrategySchema = z
  .object({
    type: optionalField(knownStrings(DEPLOYMENT_STRATEGY_TYPES, "How old pods are replaced: all at once (Recreate) or gradually (RollingUpdate, the default).")),
    rollingUpdate: optionalField(RollingUpdateDeploymentSchema.describe("Limits of a rolling update; only with type RollingUpdate.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.DeploymentStrategy" })
  .describe("How a Deployment replaces its pods with new ones.");

export const DeploymentSpecSchema = z
  .object({
    replicas: int32("How many pods are wanted. Default 1."),
    selector: optionalField(
      MetaLabelSelectorSchema.describe("Selects the pods (and ReplicaSets) this Deployment manages; must match the template's labels and cannot change."),
    ),
    template: optionalField(PodTemplateSpecSchema.describe("The pods to create. Its restartPolicy can only be Always.")),
    strategy: optionalField(
      DeploymentStrategySchema.meta({ "x-kubernetes-patch-strategy": "retainKeys" }).describe("How existing pods are replaced by new ones."),
    ),
    minReadySeconds: int32("How long a new pod must be ready, without a container crashing, before it counts as available. Default 0."),
    revisionHistoryLimit: int32("How many old ReplicaSets to keep for rollbacks. Default 10."),
    paused: optionalField(z.boolean().describe("Stops the controller from rolling out changes of the template.")),
    progressDeadlineSeconds: int32(
      "Seconds a rollout may go without progress before the Progressing condition reports ProgressDeadlineExceeded. Default 600.",
    ),
  })
  .meta({ id: "io.k8s.api.apps.v1.DeploymentSpec" })
  .describe("What a Deployment should run, and how it rolls out changes.");

export const DeploymentConditionSchema = z
  .object({
    ...conditionShape("deployment"),
    lastUpdateTime: optionalField(TimeSchema.describe("When the condition was last written.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.DeploymentCondition" })
  .describe(`One observation about a Deployment. Known types: ${DEPLOYMENT_CONDITION_TYPES.join(", ")}.`);

export const DeploymentStatusSchema = z
  .object({
    observedGeneration: int64("The metadata.generation the controller last acted on."),
    replicas: int32("Pods of this Deployment that are not terminating (their labels match the selector)."),
    updatedReplicas: int32("Of those, the pods created from the current template."),
    readyReplicas: int32("Of those, the pods with a Ready condition."),
    availableReplicas: int32("Of those, the pods ready for at least minReadySeconds."),
    unavailableReplicas: int32("Pods still missing for the Deployment to be fully available: not yet available, or not yet created."),
    conditions: optionalField(
      z.array(DeploymentConditionSchema).meta(CONDITIONS_BY_TYPE).describe("The latest observations of the Deployment's state, one per type."),
    ),
    collisionCount: int32("Hash collisions met when naming new ReplicaSets; the controller uses it to pick a free name."),
  })
  .meta({ id: "io.k8s.api.apps.v1.DeploymentStatus" })
  .describe("What the controller last saw of a Deployment.");

export const DeploymentSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(DeploymentSpecSchema),
  status: optionalField(DeploymentStatusSchema),
}).describe("A set of identical pods that is updated declaratively, by rolling one ReplicaSet into another.");

export type Deployment = z.infer<typeof DeploymentSchema>;
export type DeploymentSpec = z.infer<typeof DeploymentSpecSchema>;
export type DeploymentStrategy = z.infer<typeof DeploymentStrategySchema>;
export type DeploymentStatus = z.infer<typeof DeploymentStatusSchema>;
