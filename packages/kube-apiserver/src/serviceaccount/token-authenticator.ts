// Authenticating ServiceAccount tokens (upstream: pkg/serviceaccount/jwt.go's
// JWTTokenAuthenticator with the bound-token validator of claims.go): a
// bearer token that is a JWT from one of our issuers, signed by one of our
// keys (`--service-account-key-file`), within its lifetime, for one of the
// audiences asked about (`--api-audiences` for a request to this server, a
// TokenReview's spec.audiences), whose ServiceAccount (and bound object, if
// any) still exists with the uid the token names. The user is
//
//   name    system:serviceaccount:<namespace>:<name>
//   uid     the ServiceAccount's uid
//   groups  system:serviceaccounts, system:serviceaccounts:<namespace>
//   extra   authentication.kubernetes.io/pod-name, pod-uid, node-name,
//           node-uid and credential-id (JTI=<jti>) when the token has them
//
// A token that is not a readable JWT of one of our issuers is not ours to
// judge ("none"), so other token authenticators can try it; any other
// failure is "invalid" (401), with upstream's reasons, which a TokenReview
// shows in status.error.

import type { KeyObject } from "node:crypto";
import type { AuthenticationResult, TokenAuthenticator, UserInfo } from "@tskube/generic-apiserver";
import { JWTError, type ServiceAccountClaims, looksLikeJWT, verifyJWT } from "./jwt.js";
import { SERVICE_ACCOUNT_USER_PREFIX } from "./token-issuer.js";

/** Clock skew tolerated on exp, nbf and iat, and on deletion times (go-jose's DefaultLeeway). */
const LEEWAY_SECONDS = 60;

/** What the authenticator needs to know of an object a token names. */
export interface LiveObject {
  uid: string;
  /** RFC 3339, when the object is being deleted (finalizers pending). */
  deletionTimestamp?: string;
}

/** The objects a token names, by namespace and name; undefined when there is none. */
export interface ServiceAccountTokenObjects {
  serviceAccount(namespace: string, name: string): Promise<LiveObject | undefined>;
  pod(namespace: string, name: string): Promise<LiveObject | undefined>;
  secret(namespace: string, name: string): Promise<LiveObject | undefined>;
  node(name: string): Promise<LiveObject | undefined>;
}

export interface ServiceAccountTokenAuthenticatorOptions {
  /** Issuers whose tokens are ours (`--service-account-issuer`, repeatable). */
  issuers: readonly string[];
  /** Keys that may have signed them (`--service-account-key-file`). */
  publicKeys: readonly KeyObject[];
  /** `--api-audiences`; default the issuers. */
  apiAudiences?: readonly string[];
  objects: ServiceAccountTokenObjects;
  now?: () => number;
}

/** The reason upstream gives when a bound object is gone. */
const INVALIDATED = "service account token has been invalidated";

/** Go's `%q` of a list of strings: `["a" "b"]`. */
function goQuoted(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;
}

export class ServiceAccountTokenAuthenticator implements TokenAuthenticator {
  private readonly apiAudiences: readonly string[];
  private readonly now: () => number;

  constructor(private readonly opts: ServiceAccountTokenAuthenticatorOptions) {
    this.apiAudiences = opts.apiAudiences && opts.apiAudiences.length > 0 ? opts.apiAudiences : opts.issuers;
    this.now = opts.now ?? Date.now;
  }

  async authenticateToken(token: string, audiences?: readonly string[]): Promise<AuthenticationResult> {
    if (!looksLikeJWT(token)) return { kind: "none" };
    if (!this.opts.issuers.includes(unverifiedIssuer(token) ?? "")) return { kind: "none" };
    let claims: ServiceAccountClaims;
    try {
      claims = verifyJWT(token, this.opts.publicKeys).claims as unknown as ServiceAccountClaims;
    } catch (err) {
      if (!(err instanceof JWTError)) throw err;
      // Upstream cannot parse it either, and leaves it to the other authenticators.
      return err.problem === "malformed" ? { kind: "none" } : invalid(err.message);
    }

    const tokenAudiences = Array.isArray(claims.aud) ? claims.aud : typeof claims.aud === "string" ? [claims.aud] : [];
    const requested = audiences ?? this.apiAudiences;
    const matched = tokenAudiences.filter((aud) => requested.includes(aud));
    if (matched.length === 0) {
      return invalid(`token audiences ${goQuoted(tokenAudiences)} is invalid for the target audiences ${goQuoted(requested)}`);
    }

    const nowSeconds = this.now() / 1000;
    // In go-jose's order: not before, expiry, issued at. (Every token we issue has an exp; one without is refused.)
    if (typeof claims.nbf === "number" && nowSeconds + LEEWAY_SECONDS < claims.nbf) return invalid("service account token is not valid yet");
    if (typeof claims.exp !== "number" || nowSeconds - LEEWAY_SECONDS > claims.exp) return invalid("service account token has expired");
    if (typeof claims.iat === "number" && nowSeconds + LEEWAY_SECONDS < claims.iat) return invalid("service account token is issued in the future");

    const k8s = claims["kubernetes.io"];
    const namespace = k8s?.namespace ?? "";
    const saName = k8s?.serviceaccount?.name ?? "";
    const saUID = k8s?.serviceaccount?.uid ?? "";
    if (namespace === "" || saName === "" || claims.sub !== `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${saName}`) {
      return invalid("service account token claims could not be validated: the token does not name a service account");
    }

    // Objects deleted (finalizers pending) more than the leeway ago count as gone.
    const deletedLongAgo = (obj: LiveObject) =>
      obj.deletionTimestamp !== undefined && Date.parse(obj.deletionTimestamp) / 1000 < nowSeconds - LEEWAY_SECONDS;

    const account = await this.opts.objects.serviceAccount(namespace, saName);
    if (account === undefined) return invalid(`serviceaccounts ${JSON.stringify(saName)} not found`);
    if (account.uid !== saUID) return invalid(`service account UID (${account.uid}) does not match claim (${saUID})`);
    if (deletedLongAgo(account)) return invalid(`service account ${namespace}/${saName} has been deleted`);

    const extra: Record<string, string[]> = {};
    if (k8s?.secret) {
      const secret = await this.opts.objects.secret(namespace, k8s.secret.name ?? "");
      if (secret === undefined) return invalid(INVALIDATED);
      if (secret.uid !== k8s.secret.uid) {
        return invalid(`secret UID (${secret.uid}) does not match service account secret ref claim (${k8s.secret.uid ?? ""})`);
      }
      if (deletedLongAgo(secret)) return invalid(INVALIDATED);
    }
    if (k8s?.pod) {
      const pod = await this.opts.objects.pod(namespace, k8s.pod.name ?? "");
      if (pod === undefined) return invalid(INVALIDATED);
      if (pod.uid !== k8s.pod.uid) return invalid(`pod UID (${pod.uid}) does not match service account pod ref claim (${k8s.pod.uid ?? ""})`);
      if (deletedLongAgo(pod)) return invalid(INVALIDATED);
      extra["authentication.kubernetes.io/pod-name"] = [k8s.pod.name ?? ""];
      extra["authentication.kubernetes.io/pod-uid"] = [pod.uid];
    }
    if (k8s?.node) {
      // A pod-bound token records its pod's node without being bound to it; a node-bound one is checked.
      if (!k8s.pod) {
        const node = await this.opts.objects.node(k8s.node.name ?? "");
        if (node === undefined) return invalid(INVALIDATED);
        if (node.uid !== k8s.node.uid) return invalid(`node UID (${node.uid}) does not match service account node ref claim (${k8s.node.uid ?? ""})`);
        if (deletedLongAgo(node)) return invalid(INVALIDATED);
      }
      extra["authentication.kubernetes.io/node-name"] = [k8s.node.name ?? ""];
      if (k8s.node.uid) extra["authentication.kubernetes.io/node-uid"] = [k8s.node.uid];
    }
    if (typeof claims.jti === "string" && claims.jti !== "") extra["authentication.kubernetes.io/credential-id"] = [`JTI=${claims.jti}`];

    const user: UserInfo = {
      name: claims.sub,
      uid: account.uid,
      groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`],
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    };
    return { kind: "user", user, audiences: matched };
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
