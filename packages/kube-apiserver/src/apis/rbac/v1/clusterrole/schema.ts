// rbac.authorization.k8s.io/v1 ClusterRole: rules granted cluster-wide by
// ClusterRoleBindings, or within a namespace by RoleBindings; optionally
// assembled from other ClusterRoles. Every field of upstream's v1.32 type.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import type { z } from "zod";
import { AggregationRuleSchema, RulesSchema } from "../policy-rule/schema.js";

export const ClusterRoleSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  rules: RulesSchema.describe("What the role grants. With an aggregationRule the server keeps these in step with the selected roles; writes to them are overwritten."),
  aggregationRule: optionalField(
    AggregationRuleSchema.describe("When set, the role's rules are the union of the rules of the ClusterRoles its selectors match."),
  ),
}).describe("A set of permissions, granted cluster-wide by ClusterRoleBindings or in one namespace by RoleBindings.");

export type ClusterRole = z.infer<typeof ClusterRoleSchema>;
