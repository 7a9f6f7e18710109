// Bearer tokens checked by another API server (upstream: authenticatorfactory's
// DelegatingAuthenticatorConfig, the TokenReview webhook token
// authenticator behind a cache). An aggregated API server cannot verify the
// cluster's tokens itself (service account keys, token files, ...), so it
// asks the kube-apiserver with a TokenReview:
//
//   status.authenticated            the user it names (username, uid, groups, extra)
//   not authenticated, with error   an invalid token, with the reviewer's error
//   not authenticated               not a token anyone knows (so: "invalid bearer token")
//   the review could not be made    an error, and not remembered
//
// Answers are remembered for 10 s (upstream's --authentication-token-webhook-cache-ttl
// default), keyed by a hash of the token, never the token itself.

import { createHash } from "node:crypto";
import { ExpiringCache } from "../webhook/expiring-cache.js";
import type { AuthenticationResult } from "./authenticator.js";
import type { TokenAuthenticator } from "./bearer-token.js";

/** authentication.k8s.io/v1 TokenReviewSpec, as sent. */
export interface TokenReviewSpec {
  token: string;
  audiences?: string[];
}

/** authentication.k8s.io/v1 TokenReviewStatus, as received. */
export interface TokenReviewStatus {
  authenticated?: boolean;
  user?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  audiences?: string[];
  error?: string;
}

/** Creates a TokenReview with `spec` on the delegate server and returns its status. */
export type TokenReviewer = (spec: TokenReviewSpec) => Promise<TokenReviewStatus>;

export interface DelegatingTokenAuthenticatorOptions {
  review: TokenReviewer;
  /** How long an answer is remembered. Default 10 s. */
  cacheTTLMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export class DelegatingTokenAuthenticator implements TokenAuthenticator {
  private readonly cache: ExpiringCache<AuthenticationResult>;
  private readonly ttl: number;

  constructor(private readonly options: DelegatingTokenAuthenticatorOptions) {
    this.ttl = options.cacheTTLMs ?? 10_000;
    this.cache = new ExpiringCache(undefined, options.now);
  }

  async authenticateToken(token: string, audiences?: readonly string[]): Promise<AuthenticationResult> {
    const spec: TokenReviewSpec = { token, ...(audiences !== undefined ? { audiences: [...audiences] } : {}) };
    const key = createHash("sha256").update(JSON.stringify(spec)).digest("hex");
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;

    const status = await this.options.review(spec);
    const result = resultOf(status);
    this.cache.set(key, result, this.ttl);
    return result;
  }
}

function resultOf(status: TokenReviewStatus): AuthenticationResult {
  if (status.authenticated !== true) return status.error ? { kind: "invalid", reason: status.error } : { kind: "none" };
  const user = status.user ?? {};
  return {
    kind: "user",
    user: {
      name: user.username ?? "",
      ...(user.uid ? { uid: user.uid } : {}),
      groups: [...(user.groups ?? [])],
      ...(user.extra && Object.keys(user.extra).length > 0 ? { extra: user.extra } : {}),
    },
    ...(status.audiences !== undefined ? { audiences: [...status.audiences] } : {}),
  };
}
