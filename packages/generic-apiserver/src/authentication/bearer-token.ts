// Bearer tokens: `Authorization: Bearer <token>` (upstream:
// authentication/request/bearertoken). Reading the header is one job; knowing
// which tokens are valid is another, behind TokenAuthenticator, so a static
// token map, ServiceAccount JWTs or a webhook can each be plugged in.

import type { IncomingMessage } from "node:http";
import type { AuthenticationResult, Authenticator } from "./authenticator.js";

/** Decides whether one token is valid. "none" means "not a token I know". */
export interface TokenAuthenticator {
  authenticateToken(token: string): Promise<AuthenticationResult>;
}

export class BearerTokenAuthenticator implements Authenticator {
  constructor(private readonly tokenAuthenticators: readonly TokenAuthenticator[]) {}

  async authenticate(req: IncomingMessage): Promise<AuthenticationResult> {
    const token = bearerToken(req);
    if (token === undefined) return { kind: "none" };
    for (const tokenAuthenticator of this.tokenAuthenticators) {
      const result = await tokenAuthenticator.authenticateToken(token);
      if (result.kind !== "none") return result;
    }
    // A bearer token that no one recognises is a failed login, not an anonymous request.
    return { kind: "invalid", reason: "invalid bearer token" };
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
