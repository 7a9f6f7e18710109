// Several ways to authenticate, tried in order (upstream: authentication/request/union).
// The first authenticator that recognises the request decides. Invalid
// credentials of one kind do not stop the others: a request with a valid
// client certificate and a stale token is still that certificate's user.
// Only when no one recognised the request do the failures count.

import type { IncomingMessage } from "node:http";
import type { AuthenticationResult, Authenticator } from "./authenticator.js";
import { aggregateReasons } from "./token-union.js";

export class UnionAuthenticator implements Authenticator {
  constructor(private readonly authenticators: readonly Authenticator[]) {}

  async authenticate(req: IncomingMessage): Promise<AuthenticationResult> {
    const failures: string[] = [];
    for (const authenticator of this.authenticators) {
      const result = await authenticator.authenticate(req);
      if (result.kind === "user") return result;
      if (result.kind === "invalid") failures.push(result.reason);
    }
    return failures.length > 0 ? { kind: "invalid", reason: aggregateReasons(failures) } : { kind: "none" };
  }
}
