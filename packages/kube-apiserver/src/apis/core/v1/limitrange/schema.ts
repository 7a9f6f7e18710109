// core/v1 LimitRange: per-namespace bounds and defaults for the resources of
// pods, containers and claims. Every field of upstream's v1 type (k8s.io/api
// core/v1, v1.32); descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { ATOMIC, ResourceListSchema } from "../pod-spec/schema.js";

export const LIMIT_TYPES = ["Pod", "Container", "PersistentVolumeClaim"] as const;

const list = (d: string) => optionalField(ResourceListSchema.describe(d));

export const LimitRangeItemSchema = z
  .object({
    type: stringOrEmpty(`What the limits apply to: ${LIMIT_TYPES.join(", ")}, or a qualified name.`),
    max: list("The most of each resource one object may use."),
    min: list("The least of each resource one object must ask for."),
    default: list("Limits given to containers that set none."),
    defaultRequest: list("Requests given to containers that set none."),
    maxLimitRequestRatio: list("The largest allowed ratio of limit to request, per resource: how far usage may burst."),
  })
  .meta({ id: "io.k8s.api.core.v1.LimitRangeItem" })
  .describe("Bounds and defaults for one kind of object.");

export const LimitRangeSpecSchema = z
  .object({
    limits: z.array(LimitRangeItemSchema).meta(ATOMIC).default([]).describe("The bounds and defaults, at most one entry per type."),
  })
  .meta({ id: "io.k8s.api.core.v1.LimitRangeSpec" })
  .describe("The bounds and defaults the namespace enforces.");

export const LimitRangeSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(LimitRangeSpecSchema),
})
  .meta({ id: "io.k8s.api.core.v1.LimitRange" })
  .describe("Bounds and defaults for the resources used in a namespace, enforced when objects are created.");

export type LimitRange = z.infer<typeof LimitRangeSchema>;
export type LimitRangeItem = z.infer<typeof LimitRangeItemSchema>;
