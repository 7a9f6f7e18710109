// rbac.authorization.k8s.io/v1 RoleBinding: grants a Role, or a ClusterRole's
// rules, to subjects within the binding's namespace. Every field of
// upstream's v1.32 type.

import { ObjectMetaSchema, TypeMetaSchema } from "@tskube/apimachinery";
import type { z } from "zod";
import { BindingRoleRefSchema, SubjectsSchema } from "../binding/schema.js";

export const RoleBindingSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  subjects: SubjectsSchema,
  roleRef: BindingRoleRefSchema,
}).describe("Grants the rules of a Role (or of a ClusterRole, limited to this namespace) to users, groups and service accounts.");

export type RoleBinding = z.infer<typeof RoleBindingSchema>;
