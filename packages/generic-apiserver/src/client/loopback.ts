// The loopback client (upstream: LoopbackClientConfig and the loopback token
// authenticator): how a server's own controllers call it. At start-up the
// server mints a random bearer token that only it knows; requests with it
// authenticate as `system:apiserver` in group `system:masters`, so they may
// do anything, and go through the whole handler chain like any client's:
// authentication, authorization, admission, and on to the delegates (and so
// to custom resources and aggregated APIs).

import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AuthenticationResult, Authenticator } from "../authentication/authenticator.js";
import { bearerToken } from "../authentication/bearer-token.js";
import { SYSTEM_MASTERS, type UserInfo } from "../authentication/user.js";

/** The user the loopback token stands for. */
export const APISERVER_USER = "system:apiserver";

/** A new random token: 32 bytes, base64url. */
export function mintLoopbackToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Recognises the loopback token, and only it; any other request is left to
 * the server's other authenticators.
 */
export class LoopbackTokenAuthenticator implements Authenticator {
  private readonly token: Buffer;
  private readonly user: UserInfo;

  constructor(token: string) {
    this.token = Buffer.from(token);
    // A uid per server start, as upstream's.
    this.user = { name: APISERVER_USER, uid: randomUUID(), groups: [SYSTEM_MASTERS] };
  }

  async authenticate(req: IncomingMessage): Promise<AuthenticationResult> {
    const token = bearerToken(req);
    if (token === undefined) return { kind: "none" };
    const given = Buffer.from(token);
    // Constant-time, so the token cannot be guessed byte by byte.
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) return { kind: "none" };
    return { kind: "user", user: { ...this.user, groups: [...this.user.groups] } };
  }
}

/** The address to reach a server listening on `bindAddress` from the same host. */
export function loopbackHost(bindAddress: string): string {
  if (bindAddress === "" || bindAddress === "0.0.0.0") return "127.0.0.1";
  if (bindAddress === "::") return "::1";
  return bindAddress;
}
