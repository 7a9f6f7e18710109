// Authorization delegated to another API server (upstream: authorizerfactory's
// DelegatingAuthorizerConfig over the SubjectAccessReview webhook
// authorizer). An aggregated API server has no RBAC of its own: for each
// request it asks the kube-apiserver, with a SubjectAccessReview, whether the
// user may do this, and answers as told:
//
//   status.allowed                 allow
//   status.denied                  deny (with the reviewer's reason)
//   neither                        no opinion (so, in the end, 403 with the reason)
//   both                           an error (upstream's wording): 500
//   the review could not be made   an error: 500, and not remembered
//
// Answers are remembered for a while (upstream's defaults: 10 s for allowed
// and for not allowed), by the whole question, so a client's burst of
// requests costs one review. How the review travels is the caller's: a
// function that creates the SubjectAccessReview and returns its status.

import { ExpiringCache } from "../webhook/expiring-cache.js";
import type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from "./authorizer.js";

/** authorization.k8s.io/v1 SubjectAccessReviewSpec, as sent. */
export interface SubjectAccessReviewSpec {
  user: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
  resourceAttributes?: {
    namespace: string;
    verb: string;
    group: string;
    version: string;
    resource: string;
    subresource: string;
    name: string;
  };
  nonResourceAttributes?: { path: string; verb: string };
}

/** authorization.k8s.io/v1 SubjectAccessReviewStatus, as received. */
export interface SubjectAccessReviewStatus {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/** Creates a SubjectAccessReview with `spec` on the delegate server and returns its status. */
export type SubjectAccessReviewer = (spec: SubjectAccessReviewSpec) => Promise<SubjectAccessReviewStatus>;

export interface DelegatingAuthorizerOptions {
  review: SubjectAccessReviewer;
  /** How long an allowed answer is remembered (`--authorization-webhook-cache-authorized-ttl`). Default 10 s. */
  allowCacheTTLMs?: number;
  /** How long a not-allowed answer is remembered (`--authorization-webhook-cache-unauthorized-ttl`). Default 10 s. */
  denyCacheTTLMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** The review's question for a request (upstream: the webhook authorizer's SubjectAccessReview). */
export function subjectAccessReviewSpecFor(attrs: AuthorizationAttributes): SubjectAccessReviewSpec {
  const { user } = attrs;
  const spec: SubjectAccessReviewSpec = {
    user: user.name,
    ...(user.uid ? { uid: user.uid } : {}),
    groups: [...user.groups],
    ...(user.extra && Object.keys(user.extra).length > 0 ? { extra: user.extra } : {}),
  };
  if (attrs.isResourceRequest) {
    spec.resourceAttributes = {
      namespace: attrs.namespace,
      verb: attrs.verb,
      group: attrs.apiGroup,
      version: attrs.apiVersion,
      resource: attrs.resource,
      subresource: attrs.subresource,
      name: attrs.name,
    };
  } else {
    spec.nonResourceAttributes = { path: attrs.path, verb: attrs.verb };
  }
  return spec;
}

export class DelegatingAuthorizer implements Authorizer {
  private readonly cache: ExpiringCache<AuthorizationDecision>;
  private readonly allowTTL: number;
  private readonly denyTTL: number;

  constructor(private readonly options: DelegatingAuthorizerOptions) {
    this.allowTTL = options.allowCacheTTLMs ?? 10_000;
    this.denyTTL = options.denyCacheTTLMs ?? 10_000;
    this.cache = new ExpiringCache(undefined, options.now);
  }

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationDecision> {
    const spec = subjectAccessReviewSpecFor(attrs);
    const key = JSON.stringify(spec);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;

    const status = await this.options.review(spec);
    if (status.allowed && status.denied) throw new Error("webhook subject access review returned both allow and deny response");
    const reason = status.reason ? { reason: status.reason } : {};
    const decision: AuthorizationDecision = status.allowed
      ? { decision: "allow", ...reason }
      : status.denied
        ? { decision: "deny", ...reason }
        : { decision: "no-opinion", ...reason };

    this.cache.set(key, decision, decision.decision === "allow" ? this.allowTTL : this.denyTTL);
    return decision;
  }
}
