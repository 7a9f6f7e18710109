// rbac.authorization.k8s.io/v1 ClusterRoleBinding: grants a ClusterRole to
// subjects across the whole cluster. Every field of upstream's v1.32 type.

import { ObjectMetaSchema, TypeMetaSchema } from "@tskube/apimachinery";
import type { z } from "zod";
import { BindingRoleRefSchema, SubjectsSchema } from "../binding/schema.js";

export const ClusterRoleBindingSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  subjects: SubjectsSchema,
  roleRef: BindingRoleRefSchema,
}).describe("Grants the rules of a ClusterRole to users, groups and service accounts, in every namespace and at the cluster scope.");

export type ClusterRoleBinding = z.infer<typeof ClusterRoleBindingSchema>;
