// Who is asking: the result of authentication (upstream: user.Info).

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** Every authenticated user is also in this group. */
export const ALL_AUTHENTICATED = "system:authenticated";
export const ALL_UNAUTHENTICATED = "system:unauthenticated";
export const ANONYMOUS_USER = "system:anonymous";
/** Members bypass authorization entirely, as upstream. */
export const SYSTEM_MASTERS = "system:masters";
