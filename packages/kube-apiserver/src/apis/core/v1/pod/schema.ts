// core/v1 Pod: containers run together on one node. The spec's types are
// shared with the pod templates of workload kinds (../pod-spec/).

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { PodSpecSchema, PodStatusSchema } from "../pod-spec/schema.js";

export const POD_PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"] as const;
export const RESTART_POLICIES = ["Always", "OnFailure", "Never"] as const;
export const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"] as const;

export const PodSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(PodSpecSchema),
  status: optionalField(PodStatusSchema),
})
  .meta({ id: "io.k8s.api.core.v1.Pod" })
  .describe("A group of containers that run together on one node, sharing network and volumes.");

export type Pod = z.infer<typeof PodSchema>;
