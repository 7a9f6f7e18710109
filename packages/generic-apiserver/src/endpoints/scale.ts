// autoscaling/v1 Scale: what the `scale` subresource reads and writes
// (`kubectl scale`, the HorizontalPodAutoscaler). Only spec.replicas can be
// changed through it; status reports the current replicas and the label
// selector of the scaled pods as a string. The REST handlers decode Scale
// bodies with this schema; discovery and OpenAPI describe it from the same one.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";

export const SCALE_GROUP = "autoscaling";
export const SCALE_VERSION = "v1";
export const SCALE_KIND = "Scale";

export const ScaleSpecSchema = z.object({
  replicas: optionalField(z.int32().describe("Desired number of instances of the scaled object.")),
});

export const ScaleStatusSchema = z.object({
  replicas: z.int32().default(0).describe("Number of instances of the scaled object the controller observed."),
  selector: optionalField(
    z.string().describe("Label selector of the scaled object's instances, in the string form `kubectl get -l` takes."),
  ),
});

export const ScaleSchema = TypeMetaSchema.extend({
  metadata: optionalField(ObjectMetaSchema),
  spec: optionalField(ScaleSpecSchema.describe("The desired number of instances.")),
  status: optionalField(ScaleStatusSchema.describe("The observed number of instances; read-only.")),
});
