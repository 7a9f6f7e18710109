// Impersonation (upstream: endpoints/filters/impersonation.go): a user acting
// as another, as `kubectl --as=jane --as-group=dev` asks with headers:
//
//   Impersonate-User: jane                    (or system:serviceaccount:<ns>:<name>)
//   Impersonate-Group: dev                    (one header per group)
//   Impersonate-Uid: 1234
//   Impersonate-Extra-<key>: <value>          (key percent-encoded)
//
// Each part is authorized on its own with the verb `impersonate`: users,
// groups, serviceaccounts (core group), uids and userextras/<key>
// (authentication.k8s.io). One refusal is a 403 naming it. Allowed, the
// request continues as the impersonated user, who is in system:authenticated
// (system:unauthenticated for system:anonymous) unless the request names one
// of those groups itself; a service account without requested groups gets its
// own groups. The headers are removed, so nothing further down sees them.
// Groups, uid or extras without a user are a mistake: 500, as upstream.

import type { Handler } from "../server/handler-sequence.js";
import { newForbidden, newInternalError } from "@tskube/apimachinery";
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS_USER, type UserInfo } from "../authentication/user.js";
import type { AuthorizationAttributes, Authorizer } from "../authorization/authorizer.js";
import { requestContext } from "../request/context.js";
import { headerLines, removeHeaders } from "../request/raw-headers.js";
import type { Logger } from "../server/logger.js";
import { forbiddenMessage } from "./authorization.js";
import { writeStatusError } from "./write-status.js";

const USER_HEADER = "impersonate-user";
const GROUP_HEADER = "impersonate-group";
const UID_HEADER = "impersonate-uid";
const EXTRA_PREFIX = "impersonate-extra-";

const SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
const AUTHENTICATION_GROUP = "authentication.k8s.io";

/** One thing the request asks to act as, and how to authorize it. */
interface ImpersonationRequest {
  resource: "users" | "serviceaccounts" | "groups" | "uids" | "userextras";
  apiGroup: string;
  namespace: string;
  name: string;
  subresource: string;
}

export interface ImpersonationFilterOptions {
  authorizer: Authorizer;
  logger: Logger;
}

export function withImpersonation(opts: ImpersonationFilterOptions): Handler {
  return async (req, res, next) => {
    const headers = headerLines(req);
    const userName = headers.get(USER_HEADER)?.[0] ?? "";
    const groups = headers.get(GROUP_HEADER) ?? [];
    const uid = headers.get(UID_HEADER)?.[0] ?? "";
    const extras = extraHeaders(headers);
    if (userName === "" && groups.length === 0 && uid === "" && extras.size === 0) return next();

    const ctx = requestContext(req);
    if (!ctx.user) {
      writeStatusError(res, newInternalError(new Error("no user found for request")));
      return;
    }
    if (userName === "") {
      const what = [groups.length > 0 && "groups", uid !== "" && "uid", extras.size > 0 && "extras"].filter(Boolean).join(", ");
      writeStatusError(res, newInternalError(new Error(`requested impersonation of ${what} without impersonating a user`)));
      return;
    }

    const requests: ImpersonationRequest[] = [];
    const serviceAccount = splitServiceAccountName(userName);
    requests.push(
      serviceAccount
        ? { resource: "serviceaccounts", apiGroup: "", namespace: serviceAccount.namespace, name: serviceAccount.name, subresource: "" }
        : { resource: "users", apiGroup: "", namespace: "", name: userName, subresource: "" },
    );
    for (const group of groups) requests.push({ resource: "groups", apiGroup: "", namespace: "", name: group, subresource: "" });
    if (uid !== "") requests.push({ resource: "uids", apiGroup: AUTHENTICATION_GROUP, namespace: "", name: uid, subresource: "" });
    for (const [key, values] of extras) {
      for (const value of values) {
        requests.push({ resource: "userextras", apiGroup: AUTHENTICATION_GROUP, namespace: "", name: value, subresource: key });
      }
    }

    for (const r of requests) {
      const attrs: AuthorizationAttributes = {
        user: ctx.user,
        verb: "impersonate",
        isResourceRequest: true,
        path: "",
        apiVersion: "",
        ...r,
      };
      let decision;
      try {
        decision = await opts.authorizer.authorize(attrs);
      } catch (err) {
        opts.logger.error(`Impersonation authorization failed (Audit-ID ${ctx.auditID})`, err);
        writeStatusError(res, newInternalError(err));
        return;
      }
      if (decision.decision !== "allow") {
        const message = decision.reason ? `${forbiddenMessage(attrs)}: ${decision.reason}` : forbiddenMessage(attrs);
        writeStatusError(res, newForbidden({ group: r.apiGroup, resource: r.resource }, r.name, message));
        return;
      }
    }

    const impersonated: UserInfo = {
      name: userName,
      groups: impersonatedGroups(userName, groups, serviceAccount),
      ...(uid !== "" ? { uid } : {}),
      ...(extras.size > 0 ? { extra: Object.fromEntries(extras) } : {}),
    };
    ctx.user = impersonated;
    removeHeaders(req, isImpersonationHeader);
    next();
  };
}

function impersonatedGroups(userName: string, requested: string[], serviceAccount: { namespace: string } | undefined): string[] {
  const groups =
    requested.length === 0 && serviceAccount !== undefined
      ? ["system:serviceaccounts", `system:serviceaccounts:${serviceAccount.namespace}`]
      : [...requested];
  if (userName === ANONYMOUS_USER) {
    if (!groups.includes(ALL_UNAUTHENTICATED)) groups.push(ALL_UNAUTHENTICATED);
  } else if (!groups.includes(ALL_AUTHENTICATED) && !groups.includes(ALL_UNAUTHENTICATED)) {
    groups.push(ALL_AUTHENTICATED);
  }
  return groups;
}

/** `system:serviceaccount:<ns>:<name>` split, or undefined for any other user name. */
function splitServiceAccountName(userName: string): { namespace: string; name: string } | undefined {
  if (!userName.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = userName.slice(SERVICE_ACCOUNT_PREFIX.length).split(":");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return undefined;
  return { namespace: parts[0]!, name: parts[1]! };
}

/** The requested extras by key: lower case, percent-decoded. */
function extraHeaders(headers: Map<string, string[]>): Map<string, string[]> {
  const extras = new Map<string, string[]>();
  for (const [name, values] of headers) {
    if (!name.startsWith(EXTRA_PREFIX)) continue;
    const key = percentDecode(name.slice(EXTRA_PREFIX.length)).toLowerCase();
    extras.set(key, [...(extras.get(key) ?? []), ...values]);
  }
  return extras;
}

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isImpersonationHeader(name: string): boolean {
  return name === USER_HEADER || name === GROUP_HEADER || name === UID_HEADER || name.startsWith(EXTRA_PREFIX);
}
