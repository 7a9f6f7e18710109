// Answering a TokenReview (upstream: pkg/registry/authentication/tokenreview):
// the token is authenticated by the server's own token authenticators, for
// the audiences the review names (or the API audiences), and the verdict is
// written into status. Nothing is stored.
//
// status.error reads as upstream's does. There, the server's authenticator
// is a union whose first member knows only the loopback token, so a refused
// token always collects that member's "invalid bearer token" first, then
// the reason of the bearer-token authenticators:
//
//   [invalid bearer token, invalid bearer token]               no authenticator knows the token
//   [invalid bearer token, service account token has expired]  a ServiceAccount token past its exp

import { newBadRequest, newInternalError } from "@tskube/apimachinery";
import { INVALID_BEARER_TOKEN, type ResourceStorage, type TokenAuthenticator, withAuthenticatedGroup } from "@tskube/generic-apiserver";
import { createOnlyStorage } from "../../../../registry/create-only.js";
import { userInfoOf } from "../user-info.js";
import { tokenReviewDefinition } from "./definition.js";
import type { TokenReview } from "./schema.js";

export interface TokenReviewOptions {
  /** The server's bearer-token authenticators; without them a review is returned unanswered, as upstream. */
  tokenAuthenticator?: TokenAuthenticator;
  /** `--api-audiences`: the audiences a review that names none asks about. */
  apiAudiences: readonly string[];
}

export function tokenReviewStorage(opts: TokenReviewOptions): ResourceStorage<TokenReview> {
  return createOnlyStorage(tokenReviewDefinition, async (scope, review) => {
    const token = review.spec.token ?? "";
    if (token === "") throw newBadRequest("token is required for TokenReview in authentication");
    await scope.validation?.create?.(review);
    if (opts.tokenAuthenticator === undefined) return review;

    const asked = review.spec.audiences?.length ? review.spec.audiences : opts.apiAudiences;
    const result = await opts.tokenAuthenticator.authenticateToken(token, asked.length > 0 ? asked : undefined);
    if (result.kind !== "user") {
      const reason = result.kind === "invalid" ? result.reason : INVALID_BEARER_TOKEN;
      // `user` is always written (an empty struct in Go).
      return { ...review, status: { user: {}, error: `[${INVALID_BEARER_TOKEN}, ${reason}]` } };
    }
    // An authenticator that accepted the token for none of the audiences asked about is broken: 500, as upstream.
    if (asked.length > 0 && !(result.audiences ?? []).some((aud) => asked.includes(aud))) {
      throw newInternalError(new Error("error validating audiences"));
    }
    return {
      ...review,
      status: {
        authenticated: true,
        user: userInfoOf(withAuthenticatedGroup(result.user)),
        ...(result.audiences && result.audiences.length > 0 ? { audiences: result.audiences } : {}),
      },
    };
  });
}
