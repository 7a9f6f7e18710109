// A fixed set of tokens, each standing for one user (upstream: the
// --token-auth-file authenticator). Enough for tests, bootstrap and small setups.

import type { AuthenticationResult } from "./authenticator.js";
import type { TokenAuthenticator } from "./bearer-token.js";
import type { UserInfo } from "./user.js";

export class StaticTokenAuthenticator implements TokenAuthenticator {
  private readonly users: ReadonlyMap<string, UserInfo>;

  constructor(tokens: ReadonlyMap<string, UserInfo> | Readonly<Record<string, UserInfo>>) {
    this.users = tokens instanceof Map ? new Map(tokens) : new Map(Object.entries(tokens));
  }

  async authenticateToken(token: string): Promise<AuthenticationResult> {
    const user = this.users.get(token);
    return user ? { kind: "user", user: { ...user, groups: [...user.groups] } } : { kind: "none" };
  }
}
