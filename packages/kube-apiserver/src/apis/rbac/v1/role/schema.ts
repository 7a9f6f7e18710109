// rbac.authorization.k8s.io/v1 Role: rules granted within one namespace, by
// the RoleBindings of that namespace. Every field of upstream's v1.32 type.

import { ObjectMetaSchema, TypeMetaSchema } from "@tskube/apimachinery";
import type { z } from "zod";
import { RulesSchema } from "../policy-rule/schema.js";

export const RoleSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  rules: RulesSchema.describe("What the role grants in its namespace (resources only: non-resource URLs are cluster-wide)."),
}).describe("A set of permissions within a namespace, granted to subjects by RoleBindings.");

export type Role = z.infer<typeof RoleSchema>;
