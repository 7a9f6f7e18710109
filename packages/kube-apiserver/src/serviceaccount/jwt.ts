// JSON Web Tokens as ServiceAccount tokens use them: compact JWS, signed with
// RS256 (RSA PKCS#1 v1.5 over SHA-256), from node:crypto alone. Only what the
// token issuer and authenticator need: sign, and parse + verify against a set
// of public keys chosen by the header's `kid`.

import { type KeyObject, createHash, createPublicKey, createSign, createVerify } from "node:crypto";

export interface JWTHeader {
  alg: string;
  kid?: string;
  typ?: string;
}

/** The claims a ServiceAccount token carries (RFC 7519 plus Kubernetes' own). */
export interface ServiceAccountClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti?: string;
  "kubernetes.io"?: {
    namespace?: string;
    serviceaccount?: ObjectRefClaim;
    pod?: ObjectRefClaim;
    secret?: ObjectRefClaim;
    node?: ObjectRefClaim;
    warnafter?: number;
  };
}

export interface ObjectRefClaim {
  name?: string;
  uid?: string;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/**
 * A public key's id as upstream computes it: base64url (no padding) of the
 * SHA-256 of the key's DER (SubjectPublicKeyInfo). Verifiers use it to pick a key.
 */
export function keyID(publicKey: KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64url");
}

export function signJWT(claims: ServiceAccountClaims, privateKey: KeyObject): string {
  const header: JWTHeader = { alg: "RS256", kid: keyID(createPublicKey(privateKey)) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign("RSA-SHA256").update(signingInput).sign(privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

export class JWTError extends Error {}

/** Whether `token` looks like a JWT at all (three base64url parts): other tokens are not ours to judge. */
export function looksLikeJWT(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/**
 * Parses a compact JWS and verifies its RS256 signature with the key whose
 * id the header names (or, without a kid, any of the keys). Returns the
 * claims; checks of time, issuer and audience are the caller's.
 */
export function verifyJWT(token: string, publicKeys: readonly KeyObject[]): { header: JWTHeader; claims: Record<string, unknown> } {
  const parts = token.split(".");
  if (parts.length !== 3) throw new JWTError("malformed token");
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  let header: JWTHeader;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8")) as JWTHeader;
    claims = JSON.parse(Buffer.from(claimsPart, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    throw new JWTError("malformed token");
  }
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) throw new JWTError("malformed token");
  if (header.alg !== "RS256") throw new JWTError(`unsupported signing algorithm ${JSON.stringify(header.alg)}`);
  const candidates = header.kid === undefined ? publicKeys : publicKeys.filter((key) => keyID(key) === header.kid);
  const signature = Buffer.from(signaturePart, "base64url");
  const signingInput = `${headerPart}.${claimsPart}`;
  const verified = candidates.some((key) => createVerify("RSA-SHA256").update(signingInput).verify(key, signature));
  if (!verified) throw new JWTError("invalid signature");
  return { header, claims };
}
