// Bearer tokens: `Authorization: Bearer <token>` (upstream:
// authentication/request/bearertoken). Reading the header is one job; knowing
// which tokens are valid is another, behind TokenAuthenticator, so a static
// token map, ServiceAccount JWTs or a webhook can each be plugged in.

import type { IncomingMessage } from "node:http";
import type { AuthenticationResult, Authenticator } from "./authenticator.js";
import { TokenAuthenticatorUnion } from "./token-union.js";

/** Decides whether one token is valid. "none" means "not a token I know". */
export interface TokenAuthenticator {
  /**
   * `audiences`: who the caller wants the token to be for (a TokenReview's
   * spec.audiences). Undefined for a request to this server: the token must
   * then be for one of the server's own API audiences (`--api-audiences`).
   * A valid token's result names the audiences it matched.
   */
  authenticateToken(token: string, audiences?: readonly string[]): Promise<AuthenticationResult>;
}

/** The answer for a bearer token no token authenticator recognised (upstream's wording). */
export const INVALID_BEARER_TOKEN = "invalid bearer token";

export class BearerTokenAuthenticator implements Authenticator {
  private readonly tokens: TokenAuthenticator;

  constructor(tokenAuthenticators: readonly TokenAuthenticator[]) {
    this.tokens = new TokenAuthenticatorUnion(tokenAuthenticators);
  }

  async authenticate(req: IncomingMessage): Promise<AuthenticationResult> {
    const token = bearerToken(req);
    if (token === undefined) return { kind: "none" };
    const result = await this.tokens.authenticateToken(token);
    // A bearer token that no one recognises is a failed login, not an anonymous request.
    return result.kind === "none" ? { kind: "invalid", reason: INVALID_BEARER_TOKEN } : result;
  }
}

/** The token of an `Authorization: Bearer <token>` header; undefined for any other scheme or an empty token. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization?.trim();
  if (!header) return undefined;
  const [scheme, ...rest] = header.split(/\s+/);
  if (scheme?.toLowerCase() !== "bearer" || rest.length === 0) return undefined;
  const token = rest.join(" ").trim();
  return token === "" ? undefined : token;
}
