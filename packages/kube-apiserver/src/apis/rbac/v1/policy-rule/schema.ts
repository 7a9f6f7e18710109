// rbac.authorization.k8s.io/v1 PolicyRule and AggregationRule: what a role
// grants, and how a ClusterRole gathers the rules of others. Every field of
// upstream's v1.32 types; descriptions in our own words.

import { MetaLabelSelectorSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";

export const RBAC_GROUP = "rbac.authorization.k8s.io";

/** The wildcards of a rule: any verb, group, resource or non-resource URL. */
export const VERB_ALL = "*";
export const API_GROUP_ALL = "*";
export const RESOURCE_ALL = "*";
export const NON_RESOURCE_ALL = "*";

const ATOMIC = { "x-kubernetes-list-type": "atomic" };

const stringList = (description: string) => optionalField(z.array(z.string()).meta(ATOMIC).describe(description));

export const PolicyRuleSchema = z
  .object({
    // Always written upstream (no omitempty); validation requires at least one.
    verbs: z
      .preprocess((v) => (v === null ? undefined : v), z.array(z.string()).default([]))
      .meta(ATOMIC)
      .describe("The actions allowed (get, list, watch, create, update, patch, delete, deletecollection, or any other verb); `*` for all."),
    apiGroups: stringList('The API groups of the resources; "" is the core group, `*` any group.'),
    resources: stringList("The resources, with `resource/subresource` for a subresource; `*` for all, `*/status` for a subresource of any resource."),
    resourceNames: stringList("When set, only objects with these names; empty means every object."),
    nonResourceURLs: stringList(
      "Paths that are not resources (`/healthz`, `/version`); a trailing `*` matches every path with that prefix. Only in ClusterRoles, and never with resources.",
    ),
  })
  .meta({ id: "io.k8s.api.rbac.v1.PolicyRule" })
  .describe("One grant: verbs on resources (with their groups and, optionally, names), or verbs on non-resource URLs.");

export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

export const AggregationRuleSchema = z
  .object({
    clusterRoleSelectors: optionalField(
      z
        .array(MetaLabelSelectorSchema)
        .meta(ATOMIC)
        .describe("ClusterRoles matching any of these selectors contribute their rules; the role's own rules are kept in step by the server."),
    ),
  })
  .meta({ id: "io.k8s.api.rbac.v1.AggregationRule" })
  .describe("How a ClusterRole is assembled from the rules of other ClusterRoles.");

export type AggregationRule = z.infer<typeof AggregationRuleSchema>;

/** A role's rules: always written upstream, `null` when the role has none (an aggregated role before it is filled in). */
export const RulesSchema = z
  .preprocess((v) => (v === undefined ? null : v), z.array(PolicyRuleSchema).meta(ATOMIC).nullable())
  .describe("What the role grants.");
