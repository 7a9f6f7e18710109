// Who a request without credentials is, when the server allows anonymous
// requests (upstream: authentication/request/anonymous). Authorization then
// decides what `system:anonymous` may do (by default: read health endpoints).

import { ALL_UNAUTHENTICATED, ANONYMOUS_USER, type UserInfo } from "./user.js";

export function anonymousUser(): UserInfo {
  return { name: ANONYMOUS_USER, groups: [ALL_UNAUTHENTICATED] };
}
