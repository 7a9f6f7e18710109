// Every authenticated user is also in `system:authenticated` (upstream:
// authentication/group/authenticated_group_adder.go), so one RBAC binding can
// grant something to everyone who logged in.

import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS_USER, type UserInfo } from "./user.js";

export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  const alreadyClassified = user.groups.includes(ALL_AUTHENTICATED) || user.groups.includes(ALL_UNAUTHENTICATED);
  if (user.name === ANONYMOUS_USER || alreadyClassified) return user;
  return { ...user, groups: [...user.groups, ALL_AUTHENTICATED] };
}
