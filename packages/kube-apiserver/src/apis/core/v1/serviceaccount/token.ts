// The `token` subresource of ServiceAccounts (upstream:
// pkg/registry/core/serviceaccount/storage/token.go): `POST
// /api/v1/namespaces/<ns>/serviceaccounts/<name>/token` with a TokenRequest
// (what `kubectl create token` sends) answers with a signed, bound JWT for
// that account, in status.token. Step by step, as upstream:
//
//   1. a name or namespace in the body must be the URL's (422);
//   2. the account must exist (404 `serviceaccounts "x" not found`);
//   3. no audiences: the API audiences (`--api-audiences`);
//   4. expirationSeconds (default 3600) between 600 and 2^32 (422);
//   5. validating admission;
//   6. a boundObjectRef names a Pod (which must run as this account; its
//      node is recorded too), a Secret or a Node, which must exist and, when
//      the reference has a uid, have that uid (409 Conflict);
//   7. beyond `--service-account-max-token-expiration` the lifetime is cut
//      to it, with a warning;
//   8. a pod-bound request for exactly 3607 seconds for the API audiences
//      (what the ServiceAccount admission plugin asks for projected
//      volumes) is made valid for a year, with `warnafter` at 3607 seconds
//      (`--service-account-extend-token-expiration`);
//   9. the answer is the request with status.token and
//      status.expirationTimestamp (the requested lifetime, not the extended one).
//
// Nothing is stored: a token is valid as long as its signature, expiry and
// the objects it names are.

import {
  type FieldError,
  type GroupKind,
  type KubeObject,
  formatTime,
  invalid,
  isNotFound,
  newBadRequest,
  newConflict,
  newInternalError,
  newInvalid,
} from "@tskube/apimachinery";
import type { CustomSubresourceStorage, RESTStorage, RequestScope } from "@tskube/generic-apiserver";
import type { BoundObject, ServiceAccountTokenIssuer } from "../../../../serviceaccount/token-issuer.js";
import type { ObjectRefClaim } from "../../../../serviceaccount/jwt.js";
import { type BoundObjectReference, DEFAULT_TOKEN_EXPIRATION_SECONDS, type TokenRequest } from "../../../authentication/v1/tokenrequest/schema.js";

/** The shortest lifetime a token may be asked for: ten minutes. */
export const MIN_TOKEN_EXPIRATION_SECONDS = 600;
/** The longest: 2^32 seconds. */
export const MAX_TOKEN_EXPIRATION_SECONDS = 2 ** 32;
/** What the ServiceAccount admission plugin asks for a pod's projected token (an hour and seven seconds). */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
/** How long such a token is actually valid when extension is on: a year. */
export const EXTENDED_TOKEN_EXPIRATION_SECONDS = 365 * 24 * 60 * 60;

const TOKEN_REQUEST: GroupKind = { group: "authentication.k8s.io", kind: "TokenRequest" };

export interface TokenRequestOptions {
  /** Signs the tokens (`--service-account-signing-key-file`, `iss` = the first `--service-account-issuer`). */
  issuer: ServiceAccountTokenIssuer;
  /** `--api-audiences`: the audiences of a request that names none. */
  apiAudiences: readonly string[];
  /** `--service-account-max-token-expiration` in seconds; 0 = no cap. */
  maxExpirationSeconds?: number;
  /** `--service-account-extend-token-expiration` (default true). */
  extendExpiration?: boolean;
}

/** The registry stores the subresource reads the account and the bound objects from. */
export interface TokenRequestObjects {
  serviceAccounts: RESTStorage<KubeObject>;
  pods: RESTStorage<KubeObject>;
  secrets: RESTStorage<KubeObject>;
  nodes: RESTStorage<KubeObject>;
}

/** What a `boundObjectRef` resolved to: the claims to bind, and the node a pod runs on. */
interface ResolvedBinding {
  boundObject: BoundObject;
  node?: ObjectRefClaim;
}

export function serviceAccountTokenStorage(opts: TokenRequestOptions, objects: TokenRequestObjects): CustomSubresourceStorage {
  const extendExpiration = opts.extendExpiration ?? true;
  return {
    async create(scope, name, obj) {
      const req = obj as TokenRequest;
      const namespace = scope.namespace;
      req.metadata ??= {};
      if (req.metadata.name && req.metadata.name !== name) {
        throw newInvalid(TOKEN_REQUEST, name, [invalid("metadata.name", req.metadata.name, "must match the service account name if specified")]);
      }
      if (req.metadata.namespace && req.metadata.namespace !== namespace) {
        throw newInvalid(TOKEN_REQUEST, name, [
          invalid("metadata.namespace", req.metadata.namespace, "must match the service account namespace if specified"),
        ]);
      }

      const account = await objects.serviceAccounts.get(scope, name);
      const spec = (req.spec ??= { audiences: [] });
      if (spec.audiences.length === 0) spec.audiences = [...opts.apiAudiences];
      req.metadata.name ??= account.metadata.name ?? name;
      req.metadata.namespace ??= account.metadata.namespace ?? namespace;
      req.metadata.creationTimestamp = formatTime(new Date());
      delete req.status;

      const expirationSeconds = spec.expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS;
      const problems: FieldError[] = [];
      if (expirationSeconds < MIN_TOKEN_EXPIRATION_SECONDS) {
        problems.push(invalid("spec.expirationSeconds", expirationSeconds, "may not specify a duration less than 10 minutes"));
      }
      if (expirationSeconds > MAX_TOKEN_EXPIRATION_SECONDS) {
        problems.push(invalid("spec.expirationSeconds", expirationSeconds, "may not specify a duration larger than 2^32 seconds"));
      }
      if (problems.length > 0) throw newInvalid(TOKEN_REQUEST, "", problems);
      await scope.validation?.create?.(req);

      const binding = spec.boundObjectRef ? await resolveBinding(scope, name, spec.boundObjectRef, objects) : undefined;

      let lifetime = expirationSeconds;
      const max = opts.maxExpirationSeconds ?? 0;
      if (max > 0 && lifetime > max) {
        scope.warnings.push(`requested expiration of ${lifetime} seconds shortened to ${max} seconds`);
        lifetime = max;
      }
      spec.expirationSeconds = lifetime;

      // A pod's projected token, asked for the API itself: keep it valid for a year, only warn after the hour.
      const onlyAPIAudiences = spec.audiences.every((aud) => opts.apiAudiences.includes(aud));
      const extend =
        extendExpiration && binding?.boundObject.kind === "Pod" && lifetime === WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS && onlyAPIAudiences;

      const issued = opts.issuer.issue({
        namespace: account.metadata.namespace ?? namespace,
        serviceAccount: { name: account.metadata.name ?? name, uid: account.metadata.uid ?? "" },
        audiences: spec.audiences,
        expirationSeconds: extend ? EXTENDED_TOKEN_EXPIRATION_SECONDS : lifetime,
        ...(extend ? { warnAfterSeconds: lifetime } : {}),
        ...(binding ? { boundObject: binding.boundObject } : {}),
        ...(binding?.node ? { node: binding.node } : {}),
      });
      req.status = { token: issued.token, expirationTimestamp: formatTime(new Date((issued.issuedAt + lifetime) * 1000)) };
      return req as KubeObject;
    },
  };
}

/** `group/version, Kind=kind`, as Go prints a GroupVersionKind. */
function gvkString(ref: BoundObjectReference): string {
  const apiVersion = ref.apiVersion ?? "";
  const slash = apiVersion.indexOf("/");
  const [group, version] = slash < 0 ? ["", apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  return `${group}/${version}, Kind=${ref.kind ?? ""}`;
}

async function resolveBinding(
  scope: RequestScope,
  accountName: string,
  ref: BoundObjectReference,
  objects: TokenRequestObjects,
): Promise<ResolvedBinding> {
  const coreGroup = !(ref.apiVersion ?? "").includes("/");
  const name = ref.name ?? "";
  let bound: KubeObject;
  let resolved: ResolvedBinding;
  if (coreGroup && ref.kind === "Pod") {
    bound = await objects.pods.get(scope, name);
    const podAccount = (bound["spec"] as { serviceAccountName?: string } | undefined)?.serviceAccountName ?? "";
    if (podAccount !== accountName) {
      throw newBadRequest(`cannot bind token for serviceaccount ${JSON.stringify(accountName)} to pod running with different serviceaccount name.`);
    }
    resolved = { boundObject: { kind: "Pod", name, uid: bound.metadata.uid ?? "" } };
    const nodeName = (bound["spec"] as { nodeName?: string } | undefined)?.nodeName ?? "";
    if (nodeName !== "") resolved.node = await podNode(scope, nodeName, objects.nodes);
  } else if (coreGroup && ref.kind === "Node") {
    bound = await objects.nodes.get({ ...scope, namespace: "" }, name);
    resolved = { boundObject: { kind: "Node", name, uid: bound.metadata.uid ?? "" } };
  } else if (coreGroup && ref.kind === "Secret") {
    bound = await objects.secrets.get(scope, name);
    resolved = { boundObject: { kind: "Secret", name, uid: bound.metadata.uid ?? "" } };
  } else {
    throw newBadRequest(`cannot bind token to object of type ${gvkString(ref)}`);
  }
  if (ref.uid && ref.uid !== resolved.boundObject.uid) {
    throw newConflict(
      { group: "", resource: ref.kind },
      name,
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  return resolved;
}

/**
 * The node a bound pod runs on, recorded in its token: from the watch cache
 * first, then a consistent read; a node that does not exist is recorded by
 * name alone.
 */
async function podNode(scope: RequestScope, nodeName: string, nodes: RESTStorage<KubeObject>): Promise<ObjectRefClaim> {
  const clusterScope = { ...scope, namespace: "" };
  let node: KubeObject;
  try {
    node = await nodes.get(clusterScope, nodeName, { resourceVersion: "0" });
  } catch {
    try {
      node = await nodes.get(clusterScope, nodeName);
    } catch (err) {
      if (isNotFound(err)) return { name: nodeName };
      throw newInternalError(err);
    }
  }
  return { name: nodeName, uid: node.metadata.uid ?? "" };
}
