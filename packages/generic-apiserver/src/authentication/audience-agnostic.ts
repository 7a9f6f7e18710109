// Audiences for tokens that carry none (upstream:
// authenticator.WrapAudienceAgnosticToken): a static token is valid for the
// server itself, so for its API audiences (`--api-audiences`) and nothing
// else. When a caller asks about other audiences (a TokenReview whose
// spec.audiences share none with the API audiences), the token is not one
// this authenticator knows; otherwise its result names the audiences that
// matched.

import type { AuthenticationResult } from "./authenticator.js";
import type { TokenAuthenticator } from "./bearer-token.js";

export class AudienceAgnosticTokenAuthenticator implements TokenAuthenticator {
  constructor(
    private readonly apiAudiences: readonly string[],
    private readonly delegate: TokenAuthenticator,
  ) {}

  async authenticateToken(token: string, audiences?: readonly string[]): Promise<AuthenticationResult> {
    // A request to this server: no audience to check, as upstream (the request carries none).
    if (audiences === undefined) return this.delegate.authenticateToken(token);
    const matching = this.apiAudiences.filter((aud) => audiences.includes(aud));
    if (matching.length === 0) return { kind: "none" };
    const result = await this.delegate.authenticateToken(token);
    return result.kind === "user" ? { ...result, audiences: matching } : result;
  }
}
