// scheduling.k8s.io/v1 PriorityClass: a named pod priority. Every field of
// upstream's v1.32 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField } from "@tskube/apimachinery";
import { z } from "zod";

export const PREEMPTION_POLICIES = ["PreemptLowerPriority", "Never"] as const;

/** The largest value a PriorityClass outside the system- names may have. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** system-cluster-critical; system-node-critical is 1000 more. */
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
export const SYSTEM_PRIORITY_CLASS_PREFIX = "system-";

export const PriorityClassSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  // Always written upstream (no omitempty); defaults.ts sets 0 when absent.
  value: optionalField(
    z.int32().describe("The priority of pods that name this class; higher runs first. Above 1000000000 only for system- classes."),
  ),
  globalDefault: optionalField(z.boolean().describe("Whether pods without a priorityClassName get this class; at most one class should.")),
  description: optionalField(z.string().describe("When to use this class, for people.")),
  preemptionPolicy: optionalField(
    knownStrings(PREEMPTION_POLICIES, "Whether pods of this class may preempt lower-priority pods; defaults to PreemptLowerPriority."),
  ),
}).describe("A name for a pod priority value, with how such pods preempt others.");

export type PriorityClass = z.infer<typeof PriorityClassSchema>;
