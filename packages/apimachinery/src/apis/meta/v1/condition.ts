// meta/v1 Condition: the standard shape of one observation in an object's
// status.conditions (Service, PodDisruptionBudget, custom resources, ...).

import { z } from "zod";
import { optionalField, stringOrEmpty } from "./schema-helpers.js";
import { TimeSchema } from "./time.js";

export const ConditionSchema = z
  .object({
    type: stringOrEmpty("What the condition is about, in CamelCase."),
    status: stringOrEmpty("True, False or Unknown."),
    observedGeneration: optionalField(z.number().int().describe("The metadata.generation the condition was computed for.")),
    lastTransitionTime: optionalField(TimeSchema).describe("When status last changed."),
    reason: stringOrEmpty("Why the condition last changed, as one CamelCase word."),
    message: stringOrEmpty("Why the condition last changed, in words for people."),
  })
  .meta({ id: "io.k8s.apimachinery.pkg.apis.meta.v1.Condition" })
  .describe("One observation about an object's state.");

export type Condition = z.infer<typeof ConditionSchema>;
