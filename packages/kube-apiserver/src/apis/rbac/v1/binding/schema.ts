// rbac.authorization.k8s.io/v1 Subject and RoleRef, the two halves of a
// RoleBinding and a ClusterRoleBinding: who is granted, and which role.
// Every field of upstream's v1.32 types; descriptions in our own words.

import { knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";

export const SUBJECT_KINDS = ["User", "Group", "ServiceAccount"] as const;
export const USER_KIND = "User";
export const GROUP_KIND = "Group";
export const SERVICE_ACCOUNT_KIND = "ServiceAccount";

export const SubjectSchema = z
  .object({
    kind: z
      .preprocess((v) => (v === null ? undefined : v), knownStrings(SUBJECT_KINDS, "What the subject is.").default(""))
      .describe("What the subject is: User, Group or ServiceAccount."),
    apiGroup: optionalField(
      z.string().describe('The group of the subject\'s kind: "" for ServiceAccount, rbac.authorization.k8s.io (the default) for User and Group.'),
    ),
    name: stringOrEmpty("The user's, group's or service account's name."),
    namespace: optionalField(
      z.string().describe("A service account's namespace; in a RoleBinding it defaults to the binding's. Not used for users and groups."),
    ),
  })
  .meta({ id: "io.k8s.api.rbac.v1.Subject" })
  .describe("Someone a binding grants its role to: a user, a group or a service account.");

export type Subject = z.infer<typeof SubjectSchema>;

export const RoleRefSchema = z
  .object({
    apiGroup: stringOrEmpty("The group of the role's kind; rbac.authorization.k8s.io (the default)."),
    kind: stringOrEmpty("Role or ClusterRole."),
    name: stringOrEmpty("The role's name."),
  })
  .meta({ id: "io.k8s.api.rbac.v1.RoleRef" })
  .describe("The role a binding grants.");

export type RoleRef = z.infer<typeof RoleRefSchema>;

export const SubjectsSchema = optionalField(
  z.array(SubjectSchema).meta({ "x-kubernetes-list-type": "atomic" }).describe("Who the role is granted to."),
);

/** Always written upstream (a struct, not a pointer): a missing roleRef decodes as empty strings, which validation reports. */
export const BindingRoleRefSchema = RoleRefSchema.prefault({}).describe(
  "The role granted: a Role in the binding's namespace or a ClusterRole. It cannot be changed; delete and recreate the binding instead.",
);
