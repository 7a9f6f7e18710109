// Several token authenticators as one (upstream: authentication/token/union):
// each is asked in turn and the first that accepts the token decides. One
// that finds the token invalid does not stop the others (a token can look
// like a ServiceAccount JWT and still be a static token); when no one
// accepts it, every failure is reported together, as Go's error aggregate
// prints them: one reason alone, several as `[a, b]`.

import type { AuthenticationResult } from "./authenticator.js";
import type { TokenAuthenticator } from "./bearer-token.js";

export class TokenAuthenticatorUnion implements TokenAuthenticator {
  constructor(private readonly authenticators: readonly TokenAuthenticator[]) {}

  async authenticateToken(token: string, audiences?: readonly string[]): Promise<AuthenticationResult> {
    const failures: string[] = [];
    for (const authenticator of this.authenticators) {
      const result = await authenticator.authenticateToken(token, audiences);
      if (result.kind === "user") return result;
      if (result.kind === "invalid") failures.push(result.reason);
    }
    return failures.length > 0 ? { kind: "invalid", reason: aggregateReasons(failures) } : { kind: "none" };
  }
}

/** Reasons joined as Go's utilerrors aggregate prints them. */
export function aggregateReasons(reasons: readonly string[]): string {
  return reasons.length === 1 ? (reasons[0] ?? "") : `[${reasons.join(", ")}]`;
}
