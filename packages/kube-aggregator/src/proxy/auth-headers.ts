// Who the request is for, as the aggregator tells an aggregated API server
// (upstream: client-go's SetAuthProxyHeaders): the user the aggregator
// authenticated travels in X-Remote-User, one X-Remote-Group per group and
// X-Remote-Extra-<key> per extra value. The server believes them because
// the connection carries the front-proxy client certificate.
//
// Whatever the client itself sent in such headers, its Authorization (its
// credentials are for the aggregator, not for the backend) and any
// Impersonate-* headers (impersonation was already applied) are removed
// first, so a client cannot claim to be someone else.

import type { IncomingHttpHeaders } from "node:http";
import { type UserInfo, extraHeaderName } from "@tskube/generic-apiserver";

export const REMOTE_USER_HEADER = "x-remote-user";
export const REMOTE_GROUP_HEADER = "x-remote-group";
export const REMOTE_EXTRA_HEADER_PREFIX = "x-remote-extra-";

function isCredentialHeader(lowerCaseName: string): boolean {
  return lowerCaseName === "authorization" || lowerCaseName.startsWith("x-remote-") || lowerCaseName.startsWith("impersonate-");
}

/** Rewrites `headers` (Node's lower-case header object) in place for a request proxied on behalf of `user`. */
export function setAuthProxyHeaders(headers: IncomingHttpHeaders, user: UserInfo): void {
  for (const name of Object.keys(headers)) if (isCredentialHeader(name)) delete headers[name];
  headers[REMOTE_USER_HEADER] = user.name;
  // An array becomes one header line per value.
  if (user.groups.length > 0) headers[REMOTE_GROUP_HEADER] = [...user.groups] as unknown as string;
  for (const [key, values] of Object.entries(user.extra ?? {})) {
    if (values.length > 0) headers[extraHeaderName(REMOTE_EXTRA_HEADER_PREFIX, key)] = [...values] as unknown as string;
  }
}
