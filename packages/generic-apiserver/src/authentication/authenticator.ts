// Authentication: turning credentials into a UserInfo (upstream: authenticator.Request).

import type { IncomingMessage } from "node:http";
import type { UserInfo } from "./user.js";

export type AuthenticationResult =
  /** These credentials are not for this authenticator (e.g. no bearer token): try the next one. */
  | { kind: "none" }
  /**
   * Credentials recognised and valid. `audiences`: who the credentials are
   * for, among those asked about (a token's audiences that match the API
   * audiences or a TokenReview's spec.audiences); absent when the
   * authenticator does not deal in audiences (client certificates).
   */
  | { kind: "user"; user: UserInfo; audiences?: string[] }
  /** Credentials of this authenticator's kind, but invalid (expired, unknown token, bad signature): 401. */
  | { kind: "invalid"; reason: string };

export interface Authenticator {
  authenticate(req: IncomingMessage): Promise<AuthenticationResult>;
}

/**
 * An authenticator that reads client certificates (x509, request-header)
 * says which CAs it trusts, so the server asks clients for certificates
 * signed by them. A wrapper around one should pass `clientCA` on.
 */
export interface ClientCertificateAuthenticator extends Authenticator {
  readonly clientCA: string;
}

export function readsClientCertificates(a: Authenticator): a is ClientCertificateAuthenticator {
  return typeof (a as Partial<ClientCertificateAuthenticator>).clientCA === "string";
}
