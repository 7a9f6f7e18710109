// Authorization (upstream: endpoints/filters/authorization.go): may this user
// do what the RequestInfo says? Anything but "allow" is a 403 whose message
// says who was refused what, as clients print it verbatim:
//
//   pods "x" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "n"
//   nodes is forbidden: User "u" cannot list resource "nodes" in API group "" at the cluster scope
//   forbidden: User "u" cannot get path "/metrics"
//
// followed by ": <reason>" when the authorizer gave one.

import type { Handler } from "../server/handler-sequence.js";
import { newForbidden, newInternalError } from "@tskube/apimachinery";
import type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from "../authorization/authorizer.js";
import { requestContext } from "../request/context.js";
import type { Logger } from "../server/logger.js";
import { writeStatusError } from "./write-status.js";

export interface AuthorizationFilterOptions {
  authorizer: Authorizer;
  logger: Logger;
}

export function withAuthorization(opts: AuthorizationFilterOptions): Handler {
  return async (req, res, next) => {
    const ctx = requestContext(req);
    if (!ctx.user) {
      // Authentication always runs first; without a user the chain is miswired.
      writeStatusError(res, newInternalError(new Error("no user found for request")));
      return;
    }
    const info = ctx.requestInfo;
    const attrs: AuthorizationAttributes = {
      user: ctx.user,
      verb: info.verb,
      isResourceRequest: info.isResourceRequest,
      path: info.path,
      namespace: info.namespace,
      apiGroup: info.apiGroup,
      apiVersion: info.apiVersion,
      resource: info.resource,
      subresource: info.subresource,
      name: info.name,
    };

    let decision: AuthorizationDecision;
    try {
      decision = await opts.authorizer.authorize(attrs);
    } catch (err) {
      opts.logger.error(`Authorization failed (Audit-ID ${ctx.auditID})`, err);
      writeStatusError(res, newInternalError(err));
      return;
    }
    if (decision.decision === "allow") {
      next();
      return;
    }
    const message = decision.reason ? `${forbiddenMessage(attrs)}: ${decision.reason}` : forbiddenMessage(attrs);
    writeStatusError(res, newForbidden({ group: attrs.apiGroup, resource: attrs.resource }, attrs.name, message));
  };
}

/** Who was refused what, in upstream's words; `&`, `<` and `>` are escaped so it never reads as HTML. */
export function forbiddenMessage(attrs: AuthorizationAttributes): string {
  return escapeHTML(describeRefusal(attrs));
}

function describeRefusal(attrs: AuthorizationAttributes): string {
  const user = JSON.stringify(attrs.user.name);
  if (!attrs.isResourceRequest) return `User ${user} cannot ${attrs.verb} path ${JSON.stringify(attrs.path)}`;

  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const what = `User ${user} cannot ${attrs.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.apiGroup)}`;
  return attrs.namespace ? `${what} in the namespace ${JSON.stringify(attrs.namespace)}` : `${what} at the cluster scope`;
}

function escapeHTML(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
