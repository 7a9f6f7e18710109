// Client certificates (upstream: authentication/request/x509). The user is the
// certificate's Common Name and the groups are its Organizations:
//
//   CN=alice, O=dev, O=system:masters  ->  user "alice" in groups dev, system:masters
//
// TLS does the cryptography: the server asks every client for a certificate
// (requestCert) and verifies it against the client CA bundles of its x509
// authenticators, without refusing the handshake when it fails
// (rejectUnauthorized: false), so that a client without a certificate can
// still use a token. This authenticator then reads the verdict:
//
// - no certificate: not our kind of credentials ("none");
// - a certificate that failed verification (expired, unknown issuer, not for
//   client use): invalid, which becomes a 401;
// - a verified certificate: it must chain to one of *this* authenticator's
//   CAs (the server may trust several bundles for different purposes).
//
// A connection's certificate is fixed by its handshake, so the verdict is
// reached once per connection and kept for its later requests: reading the
// certificate builds its whole chain as JavaScript objects, which cost more
// than the rest of a small request. Renegotiation, the one way a client could
// present another certificate on the same connection, is refused from then
// on (Go's TLS server, upstream's, never allows it). A kept verdict still
// ends when the certificate expires.

import { TLSSocket, type DetailedPeerCertificate } from "node:tls";
import { X509Certificate } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AuthenticationResult, Authenticator } from "./authenticator.js";

export interface X509AuthenticatorOptions {
  /** PEM bundle of the CA certificates that sign client certificates. */
  clientCA: string | Buffer;
}

/** What a connection's certificate says, once verified. */
type ConnectionVerdict =
  | { kind: "none" }
  | { kind: "invalid"; reason: string }
  /** `notAfter`: the certificate's expiry, in milliseconds since the epoch. */
  | { kind: "user"; name: string; groups: readonly string[]; notAfter: number };

export class X509Authenticator implements Authenticator {
  /** The PEM bundle, for the server's TLS options. */
  readonly clientCA: string;
  private readonly caFingerprints: ReadonlySet<string>;
  private readonly verdicts = new WeakMap<TLSSocket, ConnectionVerdict>();

  constructor(opts: X509AuthenticatorOptions) {
    this.clientCA = opts.clientCA.toString();
    const certificates = splitPemCertificates(this.clientCA).map((pem) => new X509Certificate(pem));
    if (certificates.length === 0) throw new Error("x509 authenticator: the client CA bundle holds no certificate");
    this.caFingerprints = new Set(certificates.map((cert) => cert.fingerprint256));
  }

  async authenticate(req: IncomingMessage): Promise<AuthenticationResult> {
    const socket = req.socket;
    if (!(socket instanceof TLSSocket)) return { kind: "none" };
    let verdict = this.verdicts.get(socket);
    if (verdict === undefined) {
      verdict = this.verify(socket);
      socket.disableRenegotiation();
      this.verdicts.set(socket, verdict);
    }
    if (verdict.kind !== "user") return verdict;
    if (Date.now() > verdict.notAfter) return { kind: "invalid", reason: "x509: certificate has expired or is not yet valid" };
    // A fresh UserInfo each time: the request may add to it.
    return { kind: "user", user: { name: verdict.name, groups: [...verdict.groups] } };
  }

  /** The verdict on the certificate the client presented in the connection's handshake. */
  private verify(socket: TLSSocket): ConnectionVerdict {
    const leaf = socket.getPeerCertificate(true);
    // Without a client certificate Node returns an empty object.
    if (!leaf || !leaf.raw) return { kind: "none" };
    if (!socket.authorized) {
      return { kind: "invalid", reason: `x509: ${String(socket.authorizationError ?? "certificate verification failed")}` };
    }
    if (!this.issuedByOurCA(leaf)) return { kind: "invalid", reason: "x509: certificate signed by unknown authority" };

    const name = firstValue(leaf.subject?.CN);
    // A certificate without a Common Name names no one; let other authenticators try.
    if (!name) return { kind: "none" };
    return { kind: "user", name, groups: allValues(leaf.subject?.O), notAfter: Date.parse(leaf.valid_to) };
  }

  /** True when one of the certificates above the leaf in the verified chain is one of our CAs. */
  private issuedByOurCA(leaf: DetailedPeerCertificate): boolean {
    let cert = leaf;
    for (let depth = 0; depth < 10; depth++) {
      const issuer = cert.issuerCertificate;
      // The chain ends at a self-signed root, which Node links to itself.
      if (!issuer || issuer === cert || issuer.fingerprint256 === cert.fingerprint256) return false;
      if (this.caFingerprints.has(issuer.fingerprint256)) return true;
      cert = issuer;
    }
    return false;
  }
}

/** The PEM certificate blocks of a bundle. */
export function splitPemCertificates(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

// Subject fields with several values (O=a, O=b) arrive as arrays.
function allValues(field: unknown): string[] {
  if (typeof field === "string") return [field];
  if (Array.isArray(field)) return field.filter((v): v is string => typeof v === "string");
  return [];
}

function firstValue(field: unknown): string | undefined {
  return allValues(field)[0];
}
