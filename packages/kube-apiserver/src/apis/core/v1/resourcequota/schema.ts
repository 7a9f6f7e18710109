// core/v1 ResourceQuota: per-namespace caps on the total of resources and
// object counts. Every field of upstream's v1 type (k8s.io/api core/v1,
// v1.32); descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { ATOMIC, ResourceListSchema } from "../pod-spec/schema.js";

export const QUOTA_SCOPES = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"] as const;
export const SCOPE_SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"] as const;

const list = (d: string) => optionalField(ResourceListSchema.describe(d));

export const ScopedResourceSelectorRequirementSchema = z
  .object({
    scopeName: stringOrEmpty(`The scope the requirement is about. Known values: ${QUOTA_SCOPES.join(", ")}.`),
    operator: stringOrEmpty(`How the scope relates to the values. Known values: ${SCOPE_SELECTOR_OPERATORS.join(", ")}.`),
    values: optionalField(z.array(z.string()).meta(ATOMIC).describe("The values; needed for In and NotIn, empty for Exists and DoesNotExist.")),
  })
  .meta({ id: "io.k8s.api.core.v1.ScopedResourceSelectorRequirement" })
  .describe("A requirement on a scope of the objects the quota counts.");

export const ScopeSelectorSchema = z
  .object({
    matchExpressions: optionalField(
      z.array(ScopedResourceSelectorRequirementSchema).meta(ATOMIC).describe("Requirements that must all hold."),
    ),
  })
  .meta({ id: "io.k8s.api.core.v1.ScopeSelector", "x-kubernetes-map-type": "atomic" })
  .describe("Scope requirements, all of which must hold.");

export const ResourceQuotaSpecSchema = z
  .object({
    hard: list("The cap on each resource, e.g. requests.cpu: 4 or pods: 10."),
    scopes: optionalField(z.array(z.string()).meta(ATOMIC).describe(`Filters the counted objects must all match. Known values: ${QUOTA_SCOPES.join(", ")}.`)),
    scopeSelector: optionalField(ScopeSelectorSchema),
  })
  .meta({ id: "io.k8s.api.core.v1.ResourceQuotaSpec" })
  .describe("The caps, and which objects they count.");

export const ResourceQuotaStatusSchema = z
  .object({
    hard: list("The caps being enforced."),
    used: list("What the namespace uses of each capped resource."),
  })
  .meta({ id: "io.k8s.api.core.v1.ResourceQuotaStatus" })
  .describe("The enforced caps and current use, written by the quota controller.");

export const ResourceQuotaSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(ResourceQuotaSpecSchema),
  status: optionalField(ResourceQuotaStatusSchema),
})
  .meta({ id: "io.k8s.api.core.v1.ResourceQuota" })
  .describe("Caps on the total resources and object counts of a namespace.");

export type ResourceQuota = z.infer<typeof ResourceQuotaSchema>;
export type ResourceQuotaSpec = z.infer<typeof ResourceQuotaSpecSchema>;
export type ResourceQuotaStatus = z.infer<typeof ResourceQuotaStatusSchema>;
