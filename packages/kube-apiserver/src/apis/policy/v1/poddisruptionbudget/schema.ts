// policy/v1 PodDisruptionBudget: how many pods of a set may be down at once
// through voluntary disruptions (evictions). Every field of upstream's v1.32
// type; descriptions in our own words.

import { MetaLabelSelectorSchema, ObjectMetaSchema, TimeSchema, TypeMetaSchema, knownStrings, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { IntOrStringSchema } from "../../../core/v1/pod-spec/schema.js";
import { ConditionSchema } from "@tskube/apimachinery";

export const UNHEALTHY_POD_EVICTION_POLICIES = ["IfHealthyBudget", "AlwaysAllow"] as const;

const opt = optionalField;
/** A count upstream always writes (no omitempty): absent decodes as 0. */
const count = (d: string) => z.preprocess((v) => (v === null ? undefined : v), z.int32().default(0).describe(d));

export const PodDisruptionBudgetSpecSchema = z
  .object({
    minAvailable: opt(IntOrStringSchema.describe("Pods that must stay available: a number, or a percentage of the selected pods.")),
    selector: opt(
      MetaLabelSelectorSchema.meta({ "x-kubernetes-patch-strategy": "replace" }).describe(
        "The pods the budget covers. An empty selector covers every pod of the namespace; a missing one, none.",
      ),
    ),
    maxUnavailable: opt(IntOrStringSchema.describe("Pods that may be unavailable: a number, or a percentage. Cannot be set with minAvailable.")),
    unhealthyPodEvictionPolicy: opt(
      knownStrings(UNHEALTHY_POD_EVICTION_POLICIES, "When running but not ready pods may be evicted; IfHealthyBudget when unset."),
    ),
  })
  .meta({ id: "io.k8s.api.policy.v1.PodDisruptionBudgetSpec" })
  .describe("Which pods are covered and how many of them must stay up.");

export const PodDisruptionBudgetStatusSchema = z
  .object({
    observedGeneration: opt(z.number().int().describe("The generation the status was computed for.")),
    disruptedPods: opt(z.record(z.string(), TimeSchema).describe("Pods being evicted, by name, with when the eviction was allowed.")),
    disruptionsAllowed: count("Disruptions allowed right now."),
    currentHealthy: count("Healthy pods now."),
    desiredHealthy: count("Healthy pods needed."),
    expectedPods: count("Pods the budget counts."),
    conditions: opt(
      z
        .array(ConditionSchema)
        .meta({
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        })
        .describe("Observations, such as DisruptionAllowed."),
    ),
  })
  .meta({ id: "io.k8s.api.policy.v1.PodDisruptionBudgetStatus" })
  .describe("What the disruption controller last saw.");

export const PodDisruptionBudgetSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  spec: optionalField(PodDisruptionBudgetSpecSchema),
  status: optionalField(PodDisruptionBudgetStatusSchema),
}).describe("A limit on how many pods of a set voluntary disruptions may take down at once.");

export type PodDisruptionBudget = z.infer<typeof PodDisruptionBudgetSchema>;
export type PodDisruptionBudgetSpec = z.infer<typeof PodDisruptionBudgetSpecSchema>;
export type PodDisruptionBudgetStatus = z.infer<typeof PodDisruptionBudgetStatusSchema>;
