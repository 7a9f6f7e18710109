// core/v1 ReplicationController: keeps a number of pods made from its
// template running (the predecessor of ReplicaSet and Deployment). Every
// field of upstream's v1 type (k8s.io/api core/v1, v1.32); descriptions in
// our own words. The template is the PodTemplateSpec of ../pod-spec/.

import { ObjectMetaSchema, TimeSchema, TypeMetaSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { PodTemplateSpecSchema, mergeBy } from "../pod-spec/schema.js";

const opt = optionalField;
const int = (d: string) => opt(z.number().int().describe(d));

function obj<T extends z.ZodRawShape>(id: string, shape: T, description: string) {
  return z.object(shape).meta({ id: `io.k8s.api.core.v1.${id}` }).describe(description);
}

export const ReplicationControllerSpecSchema = obj("ReplicationControllerSpec", {
  replicas: int("How many pods should run; defaults to 1."),
  minReadySeconds: int("How long a new pod must be ready, without crashing, to count as available; defaults to 0."),
  selector: opt(
    z.record(z.string(), z.string())
      .meta({ "x-kubernetes-map-type": "atomic" })
      .describe("The labels of the pods the controller counts; defaults to the template's labels."),
  ),
  template: opt(PodTemplateSpecSchema.describe("The pods created when too few match the selector.")),
}, "What the controller should keep: a number of pods from a template.");

export const ReplicationControllerConditionSchema = obj("ReplicationControllerCondition", {
  type: stringOrEmpty("Which aspect of the controller this condition reports on, e.g. ReplicaFailure."),
  status: stringOrEmpty("True, False or Unknown."),
  lastTransitionTime: opt(TimeSchema.describe("When status last changed from one value to another.")),
  reason: opt(z.string().describe("Why the condition last changed, as one CamelCase word.")),
  message: opt(z.string().describe("Why the condition last changed, in words.")),
}, "One observation about the controller.");

export const ReplicationControllerStatusSchema = obj("ReplicationControllerStatus", {
  replicas: z.number().int().default(0).describe("How many pods the controller last counted."),
  fullyLabeledReplicas: int("How many of them carry all of the template's labels."),
  readyReplicas: int("How many of them are ready."),
  availableReplicas: int("How many of them have been ready for minReadySeconds."),
  observedGeneration: int("The metadata.generation the controller last acted on."),
  conditions: opt(
    z.array(ReplicationControllerConditionSchema).meta(mergeBy("type")).describe("The latest observations of the controller, one per type."),
  ),
}, "What the controller last saw of its pods.");

export const ReplicationControllerSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata; labels default to the template's."),
  spec: opt(ReplicationControllerSpecSchema),
  status: opt(ReplicationControllerStatusSchema),
})
  .meta({ id: "io.k8s.api.core.v1.ReplicationController" })
  .describe("Keeps a number of pods from a template running.");

export type ReplicationController = z.infer<typeof ReplicationControllerSchema>;
export type ReplicationControllerSpec = z.infer<typeof ReplicationControllerSpecSchema>;
export type ReplicationControllerStatus = z.infer<typeof ReplicationControllerStatusSchema>;
