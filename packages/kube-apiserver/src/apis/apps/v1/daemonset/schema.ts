// apps/v1 DaemonSet: one copy of a pod on every node (or on every node the
// template's node selector and affinity allow). Every field of upstream's
// v1.32 type; descriptions in our own words.

import { MetaLabelSelectorSchema, ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { IntOrStringSchema, PodTemplateSpecSchema } from "../../../core/v1/pod-spec/schema.js";
import { CONDITIONS_BY_TYPE, conditionShape, int32, int32OrZero, int64 } from "../workload/schema.js";

export const DAEMON_SET_UPDATE_STRATEGY_TYPES = ["RollingUpdate", "OnDelete"] as const;

/** The annotation that carries a DaemonSet's template generation (a field of upstream's internal type). */
export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

export const RollingUpdateDaemonSetSchema = z
  .object({
    maxUnavailable: optionalField(
      IntOrStringSchema.describe(
        "How many nodes may be without an available daemon pod during an update: a number or a percentage of the desired nodes (rounded up). Default 1; not 0 when maxSurge is 0.",
      ),
    ),
    maxSurge: optionalField(
      IntOrStringSchema.describe(
        "How many nodes may run a new pod beside the old one during an update: a number or a percentage (rounded up, at least 1). Default 0; must be 0 when maxUnavailable is not.",
      ),
    ),
  })
  .meta({ id: "io.k8s.api.apps.v1.RollingUpdateDaemonSet" })
  .describe("How fast a rolling update of a DaemonSet may go.");

export const DaemonSetUpdateStrategySchema = z
  .object({
    type: optionalField(knownStrings(DAEMON_SET_UPDATE_STRATEGY_TYPES, "RollingUpdate (the default) replaces pods node by node; OnDelete waits for pods to be deleted.")),
    rollingUpdate: optionalField(RollingUpdateDaemonSetSchema.describe("Limits of a rolling update; only with type RollingUpdate.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.DaemonSetUpdateStrategy" })
  .describe("How a DaemonSet replaces its pods with new ones.");

export const DaemonSetSpecSchema = z
  .object({
    selector: optionalField(MetaLabelSelectorSchema.describe("Selects the pods this DaemonSet owns; must match the template's labels and cannot change.")),
    template: optionalField(
      PodTemplateSpecSchema.describe("The pod to run on each node its node selector (or affinity) allows. Its restartPolicy can only be Always."),
    ),
    updateStrategy: optionalField(DaemonSetUpdateStrategySchema.describe("How existing pods are replaced by new ones.")),
    minReadySeconds: int32("How long a new pod must be ready, without a container crashing, before it counts as available. Default 0."),
    revisionHistoryLimit: int32("How many old revisions (ControllerRevisions) to keep for rollbacks. Default 10."),
  })
  .meta({ id: "io.k8s.api.apps.v1.DaemonSetSpec" })
  .describe("What a DaemonSet runs on each node, and how it updates it.");

export const DaemonSetConditionSchema = z
  .object(conditionShape("daemon set"))
  .meta({ id: "io.k8s.api.apps.v1.DaemonSetCondition" })
  .describe("One observation about a DaemonSet.");

export const DaemonSetStatusSchema = z
  .object({
    currentNumberScheduled: int32OrZero("Nodes that should run the pod and run at least one."),
    numberMisscheduled: int32OrZero("Nodes that run the pod but should not."),
    desiredNumberScheduled: int32OrZero("Nodes that should run the pod, whether or not they do."),
    numberReady: int32OrZero("Nodes that should run the pod and run at least one ready copy."),
    observedGeneration: int64("The metadata.generation the controller last acted on."),
    updatedNumberScheduled: int32("Nodes that run a pod from the current template."),
    numberAvailable: int32("Nodes that should run the pod and run at least one copy available (ready for minReadySeconds)."),
    numberUnavailable: int32("Nodes that should run the pod and run no available copy."),
    collisionCount: int32("Hash collisions met when naming new ControllerRevisions; the controller uses it to pick a free name."),
    conditions: optionalField(z.array(DaemonSetConditionSchema).meta(CONDITIONS_BY_TYPE).describe("The latest observations of the DaemonSet's state, one per type.")),
  })
  .meta({ id: "io.k8s.api.apps.v1.DaemonSetStatus" })
  .describe("What the controller last saw of a DaemonSet.");

export const DaemonSetSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(DaemonSetSpecSchema),
  status: optionalField(DaemonSetStatusSchema),
}).describe("Runs one copy of a pod on each eligible node.");

export type DaemonSet = z.infer<typeof DaemonSetSchema>;
export type DaemonSetSpec = z.infer<typeof DaemonSetSpecSchema>;
export type DaemonSetUpdateStrategy = z.infer<typeof DaemonSetUpdateStrategySchema>;
