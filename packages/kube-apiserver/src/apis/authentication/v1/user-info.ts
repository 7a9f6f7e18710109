// authentication.k8s.io/v1 UserInfo: who a TokenReview's token or a
// SelfSubjectReview's caller is, as authentication found it.

import { optionalField } from "@tskube/apimachinery";
import type { UserInfo as AuthenticatedUser } from "@tskube/generic-apiserver";
import { z } from "zod";

export const UserInfoSchema = z
  .object({
    username: optionalField(z.string().describe("The user's name.")),
    uid: optionalField(z.string().describe("A value that tells this user apart from a later user of the same name.")),
    groups: optionalField(z.array(z.string()).meta({ "x-kubernetes-list-type": "atomic" }).describe("The groups the user belongs to.")),
    extra: optionalField(
      z.record(z.string(), z.array(z.string())).describe("Further facts the authenticator gave about the user (for example a pod's name)."),
    ),
  })
  .meta({ id: "io.k8s.api.authentication.v1.UserInfo" })
  .describe("What authentication knows about a user.");

export type UserInfo = z.infer<typeof UserInfoSchema>;

/** An authenticated user as the API shows it: empty fields left out, as Go's omitempty does. */
export function userInfoOf(user: AuthenticatedUser): UserInfo {
  const extra = Object.entries(user.extra ?? {});
  return {
    ...(user.name !== "" ? { username: user.name } : {}),
    ...(user.uid ? { uid: user.uid } : {}),
    ...(user.groups.length > 0 ? { groups: [...user.groups] } : {}),
    ...(extra.length > 0 ? { extra: Object.fromEntries(extra.map(([key, values]) => [key, [...values]])) } : {}),
  };
}
