// Schema building blocks the apps/v1 kinds share: integer fields with
// upstream's widths, and the condition lists of their statuses (merged by
// type in strategic merge patch, as upstream declares them).

import { TimeSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";

/** An optional int32 field (Go `int32` with omitempty, or `*int32`). */
export const int32 = (description: string) => optionalField(z.int32().describe(description));
/** An optional int64 field. */
export const int64 = (description: string) => optionalField(z.int().describe(description));
/** An int32 field upstream always writes (no omitempty): absent decodes as 0. */
export const int32OrZero = (description: string) => z.preprocess((v) => (v === null ? undefined : v), z.int32().default(0).describe(description));

/** Patch metadata of a list of conditions: one entry per type. */
export const CONDITIONS_BY_TYPE = {
  "x-kubernetes-patch-strategy": "merge",
  "x-kubernetes-patch-merge-key": "type",
  "x-kubernetes-list-type": "map",
  "x-kubernetes-list-map-keys": ["type"],
};

/** The fields of a workload condition; DeploymentCondition adds lastUpdateTime. */
export function conditionShape(what: string) {
  return {
    type: stringOrEmpty(`What the condition is about, for this ${what}.`),
    status: stringOrEmpty("Whether it holds: True, False or Unknown."),
    lastTransitionTime: optionalField(TimeSchema.describe("When status last changed from one value to another.")),
    reason: optionalField(z.string().describe("Why it last changed, as one CamelCase word for programs.")),
    message: optionalField(z.string().describe("Why it last changed, in words for people.")),
  };
}
