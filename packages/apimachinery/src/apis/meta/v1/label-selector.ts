// The metav1.LabelSelector object found in specs (a Deployment's `spec.selector`):
// `matchLabels` plus `matchExpressions`, all ANDed. It is named MetaLabelSelector
// here because `LabelSelector` is the parsed selector of src/labels.

import { z } from "zod";
import { knownStrings, optionalField, stringOrEmpty } from "./schema-helpers.js";

/** The operators a matchExpressions entry may use. */
export const LABEL_SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"] as const;
export type LabelSelectorOperator = (typeof LABEL_SELECTOR_OPERATORS)[number];

export const LabelSelectorRequirementSchema = z.object({
  key: stringOrEmpty("The label key the requirement applies to."),
  // Decodes any string so that a wrong operator is reported by validation, as upstream does.
  operator: z.preprocess(
    (value) => (value === null ? undefined : value),
    knownStrings(LABEL_SELECTOR_OPERATORS, "Relation between the key and the values.").default(""),
  ),
  values: optionalField(
    z.array(z.string()).describe("Values for In and NotIn (at least one); must be empty for Exists and DoesNotExist."),
  ),
});
export type LabelSelectorRequirement = z.infer<typeof LabelSelectorRequirementSchema>;

export const MetaLabelSelectorSchema = z.object({
  matchLabels: optionalField(
    z.record(z.string(), z.string()).describe("Each key=value pair is the same as an `In` expression with one value."),
  ),
  matchExpressions: optionalField(
    z.array(LabelSelectorRequirementSchema).describe("Requirements on labels; all must hold."),
  ),
});
export type MetaLabelSelector = z.infer<typeof MetaLabelSelectorSchema>;
