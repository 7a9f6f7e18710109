// Authenticating ServiceAccount tokens (upstream: pkg/serviceaccount/jwt.go's
// JWTTokenAuthenticator with the bound-token validator): a bearer token that
// is a JWT from our issuer, signed by one of our keys
// (`--service-account-key-file`), not expired, for one of the API audiences
// (`--api-audiences`, default the issuer), whose ServiceAccount (and bound
// object, if any) still exists with the uid the token names. The user is
//
//   name    system:serviceaccount:<namespace>:<name>
//   uid     the ServiceAccount's uid
//   groups  system:serviceaccounts, system:serviceaccounts:<namespace>
//   extra   authentication.kubernetes.io/pod-name, pod-uid, node-name,
//           node-uid and credential-id (JTI=<jti>) when the token has them
//
// A JWT of another issuer is not ours to judge ("none"), so other token
// authenticators can try it; any other failure of ours is "invalid" (401).

import type { KeyObject } from "node:crypto";
import type { AuthenticationResult, TokenAuthenticator, UserInfo } from "@tskube/generic-apiserver";
import { JWTError, type ServiceAccountClaims, looksLikeJWT, verifyJWT } from "./jwt.js";
import { SERVICE_ACCOUNT_USER_PREFIX } from "./token-issuer.js";

/** Clock skew tolerated on exp and nbf, as upstream's JWT library allows. */
const LEEWAY_SECONDS = 60;

/** What the authenticator must look up: the objects a token names, by namespace and name (undefined when gone). */
export interface ServiceAccountTokenObjects {
  serviceAccountUID(namespace: string, name: string): Promise<string | undefined>;
  podUID(namespace: string, name: string): Promise<string | undefined>;
  secretUID(namespace: string, name: string): Promise<string | undefined>;
  nodeUID(name: string): Promise<string | undefined>;
}

export interface ServiceAccountTokenAuthenticatorOptions {
  /** Issuers whose tokens are ours (`--service-account-issuer`, repeatable). */
  issuers: readonly string[];
  /** Keys that may have signed them (`--service-account-key-file`). */
  publicKeys: readonly KeyObject[];
  /** `--api-audiences`; default the first issuer. */
  audiences?: readonly string[];
  objects: ServiceAccountTokenObjects;
  now?: () => number;
}

export class ServiceAccountTokenAuthenticator implements TokenAuthenticator {
  private readonly audiences: readonly string[];
  private readonly now: () => number;

  constructor(private readonly opts: ServiceAccountTokenAuthenticatorOptions) {
    this.audiences = opts.audiences && opts.audiences.length > 0 ? opts.audiences : opts.issuers.slice(0, 1);
    this.now = opts.now ?? Date.now;
  }

  async authenticateToken(token: string): Promise<AuthenticationResult> {
    if (!looksLikeJWT(token)) return { kind: "none" };
    if (!this.opts.issuers.includes(unverifiedIssuer(token) ?? "")) return { kind: "none" };
    let claims: ServiceAccountClaims;
    try {
      claims = verifyJWT(token, this.opts.publicKeys).claims as unknown as ServiceAccountClaims;
    } catch (err) {
      if (err instanceof JWTError) return invalid(err.message);
      throw err;
    }

    const nowSeconds = Math.floor(this.now() / 1000);
    if (typeof claims.exp !== "number" || nowSeconds > claims.exp + LEEWAY_SECONDS) return invalid("token has expired");
    if (typeof claims.nbf === "number" && nowSeconds + LEEWAY_SECONDS < claims.nbf) return invalid("token is not valid yet");
    const tokenAudiences = Array.isArray(claims.aud) ? claims.aud : typeof claims.aud === "string" ? [claims.aud] : [];
    if (!tokenAudiences.some((aud) => this.audiences.includes(aud))) {
      return invalid(`token audiences ${JSON.stringify(tokenAudiences)} is invalid for the target audiences ${JSON.stringify(this.audiences)}`);
    }

    const k8s = claims["kubernetes.io"];
    const namespace = k8s?.namespace ?? "";
    const saName = k8s?.serviceaccount?.name ?? "";
    const saUID = k8s?.serviceaccount?.uid ?? "";
    if (namespace === "" || saName === "" || claims.sub !== `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${saName}`) {
      return invalid("token does not name a service account");
    }
    const liveUID = await this.opts.objects.serviceAccountUID(namespace, saName);
    if (liveUID === undefined) return invalid(`service account ${namespace}/${saName} has been deleted`);
    if (liveUID !== saUID) {
      return invalid(`service account UID (${saUID}) does not match service account ${namespace}/${saName} UID (${liveUID})`);
    }

    const extra: Record<string, string[]> = {};
    if (k8s?.pod) {
      const uid = await this.opts.objects.podUID(namespace, k8s.pod.name ?? "");
      if (uid === undefined) return invalid(`pod ${namespace}/${k8s.pod.name ?? ""} has been deleted`);
      if (uid !== k8s.pod.uid) return invalid(`pod UID (${k8s.pod.uid ?? ""}) does not match pod ${namespace}/${k8s.pod.name ?? ""} UID (${uid})`);
      extra["authentication.kubernetes.io/pod-name"] = [k8s.pod.name ?? ""];
      extra["authentication.kubernetes.io/pod-uid"] = [uid];
    }
    if (k8s?.secret) {
      const uid = await this.opts.objects.secretUID(namespace, k8s.secret.name ?? "");
      if (uid === undefined) return invalid(`secret ${namespace}/${k8s.secret.name ?? ""} has been deleted`);
      if (uid !== k8s.secret.uid) return invalid(`secret UID (${k8s.secret.uid ?? ""}) does not match secret ${namespace}/${k8s.secret.name ?? ""} UID (${uid})`);
    }
    if (k8s?.node) {
      // A pod-bound token records its node without binding to it; a node-bound one is checked.
      if (!k8s.pod) {
        const uid = await this.opts.objects.nodeUID(k8s.node.name ?? "");
        if (uid === undefined) return invalid(`node ${k8s.node.name ?? ""} has been deleted`);
        if (uid !== k8s.node.uid) return invalid(`node UID (${k8s.node.uid ?? ""}) does not match node ${k8s.node.name ?? ""} UID (${uid})`);
      }
      extra["authentication.kubernetes.io/node-name"] = [k8s.node.name ?? ""];
      if (k8s.node.uid) extra["authentication.kubernetes.io/node-uid"] = [k8s.node.uid];
    }
    if (typeof claims.jti === "string" && claims.jti !== "") extra["authentication.kubernetes.io/credential-id"] = [`JTI=${claims.jti}`];

    const user: UserInfo = {
      name: claims.sub,
      uid: liveUID,
      groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`],
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    };
    return { kind: "user", user };
  }
}

function invalid(reason: string): AuthenticationResult {
  return { kind: "invalid", reason };
}

/** The `iss` claim read without verifying anything: only to decide whether the token is ours to check. */
function unverifiedIssuer(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { iss?: unknown };
    return typeof claims.iss === "string" ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}
