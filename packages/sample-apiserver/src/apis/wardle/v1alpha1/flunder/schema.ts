// wardle.example.com/v1alpha1 Flunder: the namespaced kind of upstream's
// sample API server. A flunder may refer to another flunder or to a fischer
// by name. Every field of upstream's v1alpha1 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";

export const REFERENCE_TYPES = ["Flunder", "Fischer"] as const;

export const FlunderSpecSchema = z
  .object({
    reference: optionalField(z.string().describe("The name of the flunder or fischer this flunder refers to (see referenceType).")),
    referenceType: optionalField(
      z.string().describe('What `reference` names: "Flunder" or "Fischer". Defaults to Flunder when reference is set.'),
    ),
  })
  .meta({ id: "com.example.wardle.v1alpha1.FlunderSpec" })
  .describe("What the flunder should be.");

export const FlunderStatusSchema = z
  .object({})
  .meta({ id: "com.example.wardle.v1alpha1.FlunderStatus" })
  .describe("What the flunder is; it has no fields yet.");

export const FlunderSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata."),
  spec: optionalField(FlunderSpecSchema),
  status: optionalField(FlunderStatusSchema),
}).describe("A flunder: an example namespaced kind served by an aggregated API server.");

export type Flunder = z.infer<typeof FlunderSchema>;
