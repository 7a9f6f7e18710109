// Authentication (upstream: endpoints/filters/authentication.go): who is
// asking. The outcome goes into the request context as `user`:
//
// - recognised credentials: that user, plus the group `system:authenticated`;
//   the Authorization header is then removed, so no handler or proxy further
//   down can pass the client's credentials on;
// - no credentials: `system:anonymous` when the server allows anonymous
//   requests, else 401;
// - credentials that are invalid (unknown token, expired certificate): 401,
//   even when anonymous requests are allowed. A client that tried to log in
//   must learn that it failed.
//
// The 401 says only "Unauthorized"; why is for the server log.

import type { Handler } from "../server/handler-sequence.js";
import { newUnauthorized } from "@tskube/apimachinery";
import { anonymousUser } from "../authentication/anonymous.js";
import { withAuthenticatedGroup } from "../authentication/authenticated-group.js";
import type { AuthenticationResult, Authenticator } from "../authentication/authenticator.js";
import { requestContext } from "../request/context.js";
import { removeHeaders } from "../request/raw-headers.js";
import type { Logger } from "../server/logger.js";
import { writeStatusError } from "./write-status.js";

export interface AuthenticationFilterOptions {
  authenticator: Authenticator;
  /** Requests without credentials proceed as `system:anonymous`. */
  anonymous: boolean;
  logger: Logger;
}

export function withAuthentication(opts: AuthenticationFilterOptions): Handler {
  return async (req, res, next) => {
    const ctx = requestContext(req);
    let result: AuthenticationResult;
    try {
      result = await opts.authenticator.authenticate(req);
    } catch (err) {
      // A broken authenticator must fail closed.
      result = { kind: "invalid", reason: err instanceof Error ? err.message : String(err) };
    }

    if (result.kind === "user") {
      ctx.user = withAuthenticatedGroup(result.user);
      removeHeaders(req, (name) => name === "authorization");
      next();
      return;
    }
    if (result.kind === "none" && opts.anonymous) {
      ctx.user = anonymousUser();
      next();
      return;
    }
    if (result.kind === "invalid") {
      opts.logger.info(`Unable to authenticate the request (Audit-ID ${ctx.auditID}): ${result.reason}`);
    }
    writeStatusError(res, newUnauthorized());
  };
}
