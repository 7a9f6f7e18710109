// JSON Web Tokens as ServiceAccount tokens use them: compact JWS from
// node:crypto alone, signed with the algorithm the key calls for, as
// upstream's signer chooses it: RS256 for RSA keys, ES256/ES384/ES512 for
// ECDSA keys on P-256/P-384/P-521. Only what the token issuer and
// authenticator need: sign, and parse + verify against a set of public keys
// chosen by the header's `kid`.

import { type KeyObject, createHash, createPublicKey, sign, verify } from "node:crypto";

export type SigningAlgorithm = "RS256" | "ES256" | "ES384" | "ES512";

/** The JWS algorithm for a key (public or private), and the hash it signs with. */
export function signingAlgorithm(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === "rsa") return "RS256";
  if (key.asymmetricKeyType === "ec") {
    switch (key.asymmetricKeyDetails?.namedCurve) {
      case "prime256v1":
        return "ES256";
      case "secp384r1":
        return "ES384";
      case "secp521r1":
        return "ES512";
    }
  }
  throw new Error(`unsupported key type ${key.asymmetricKeyType ?? "unknown"}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ""}: service account keys must be RSA or ECDSA on P-256, P-384 or P-521`);
}

const HASH: Record<SigningAlgorithm, string> = { RS256: "sha256", ES256: "sha256", ES384: "sha384", ES512: "sha512" };

/** ECDSA signatures in a JWS are r||s (IEEE P1363), not DER. */
function keyInput(key: KeyObject, alg: SigningAlgorithm): KeyObject | { key: KeyObject; dsaEncoding: "ieee-p1363" } {
  return alg === "RS256" ? key : { key, dsaEncoding: "ieee-p1363" };
}

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
  const alg = signingAlgorithm(privateKey);
  const header: JWTHeader = { alg, kid: keyID(createPublicKey(privateKey)) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign(HASH[alg], Buffer.from(signingInput), keyInput(privateKey, alg));
  return `${signingInput}.${base64url(signature)}`;
}

/**
 * Why a token could not be verified: it is not a JWS we can read at all
 * (`malformed`, which includes algorithms we do not support), or none of the
 * keys verifies its signature (`signature`).
 */
export class JWTError extends Error {
  constructor(
    readonly problem: "malformed" | "signature",
    message: string,
  ) {
    super(message);
  }
}

/** Whether `token` looks like a JWT at all (three base64url parts): other tokens are not ours to judge. */
export function looksLikeJWT(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/**
 * Parses a compact JWS and verifies its signature with the key whose id the
 * header names (or, without a kid, any of the keys of the header's
 * algorithm). Returns the claims; checks of time, issuer and audience are
 * the caller's.
 */
export function verifyJWT(token: string, publicKeys: readonly KeyObject[]): { header: JWTHeader; claims: Record<string, unknown> } {
  const parts = token.split(".");
  if (parts.length !== 3) throw new JWTError("malformed", "malformed token");
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  let header: JWTHeader;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8")) as JWTHeader;
    claims = JSON.parse(Buffer.from(claimsPart, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    throw new JWTError("malformed", "malformed token");
  }
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) throw new JWTError("malformed", "malformed token");
  const alg = header.alg as SigningAlgorithm;
  if (!Object.hasOwn(HASH, alg)) throw new JWTError("malformed", `unsupported signing algorithm ${JSON.stringify(header.alg)}`);
  const candidates = publicKeys.filter((key) => signingAlgorithm(key) === alg && (header.kid === undefined || keyID(key) === header.kid));
  const signature = Buffer.from(signaturePart, "base64url");
  const signingInput = Buffer.from(`${headerPart}.${claimsPart}`);
  const verified = candidates.some((key) => verify(HASH[alg], signingInput, keyInput(key, alg), signature));
  // go-jose's words, which upstream passes on (a TokenReview shows them).
  if (!verified) throw new JWTError("signature", "go-jose/go-jose: error in cryptographic primitive");
  return { header, claims };
}
