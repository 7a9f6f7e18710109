// Minting ServiceAccount tokens (upstream: pkg/serviceaccount/jwt.go and
// claims.go): bound JWTs for the TokenRequest API (`serviceaccounts/<n>/token`,
// what `kubectl create token` calls), signed with the server's key
// (`--service-account-signing-key-file`).

import { type KeyObject, randomUUID } from "node:crypto";
import { formatTime } from "@tskube/apimachinery";
import { type ObjectRefClaim, type ServiceAccountClaims, signJWT } from "./jwt.js";

export const SERVICE_ACCOUNT_USER_PREFIX = "system:serviceaccount:";

/** `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountUserName(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${name}`;
}

/** The object a token is bound to: the token dies with it. */
export interface BoundObject {
  kind: "Pod" | "Secret" | "Node";
  name: string;
  uid: string;
}

export interface TokenClaimsRequest {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  audiences: string[];
  /** The token's lifetime: `exp` is this many seconds after `iat`. */
  expirationSeconds: number;
  /**
   * For a token whose lifetime was extended (a pod's projected token of 3607
   * seconds, kept valid for a year): after this many seconds its use is
   * only reported as stale (the `warnafter` claim), not refused.
   */
  warnAfterSeconds?: number;
  boundObject?: BoundObject;
  /** For a pod-bound token: the pod's node, recorded as upstream does. */
  node?: ObjectRefClaim;
}

export interface IssuedToken {
  token: string;
  /** When it was issued (`iat`), in seconds since the epoch. */
  issuedAt: number;
  /** When it expires (`exp`), RFC 3339 to the second. */
  expirationTimestamp: string;
}

export class ServiceAccountTokenIssuer {
  constructor(
    /** `--service-account-issuer`: the `iss` of every token. */
    readonly issuer: string,
    private readonly signingKey: KeyObject,
    private readonly now: () => number = Date.now,
  ) {}

  issue(req: TokenClaimsRequest): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + req.expirationSeconds;
    const kubernetes: NonNullable<ServiceAccountClaims["kubernetes.io"]> = {
      namespace: req.namespace,
      serviceaccount: { name: req.serviceAccount.name, uid: req.serviceAccount.uid },
    };
    const bound = req.boundObject;
    if (bound?.kind === "Pod") kubernetes.pod = { name: bound.name, uid: bound.uid };
    if (bound?.kind === "Secret") kubernetes.secret = { name: bound.name, uid: bound.uid };
    if (bound?.kind === "Node") kubernetes.node = { name: bound.name, uid: bound.uid };
    if (bound?.kind === "Pod" && req.node !== undefined) kubernetes.node = req.node;
    if (req.warnAfterSeconds !== undefined) kubernetes.warnafter = iat + req.warnAfterSeconds;
    const claims: ServiceAccountClaims = {
      aud: req.audiences,
      exp,
      iat,
      iss: this.issuer,
      jti: randomUUID(),
      "kubernetes.io": kubernetes,
      nbf: iat,
      sub: serviceAccountUserName(req.namespace, req.serviceAccount.name),
    };
    return { token: signJWT(claims, this.signingKey), issuedAt: iat, expirationTimestamp: formatTime(new Date(exp * 1000)) };
  }
}
