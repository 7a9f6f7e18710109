// Authorization delegated to the cluster (upstream: the sample's
// DelegatingAuthorizationOptions): each request this server authenticated is
// put to the kube-apiserver as a SubjectAccessReview, through a kubeconfig
// (@kubernetes/client-node), and answered as the cluster's authorizer
// (RBAC, ...) decides. generic-apiserver's DelegatingAuthorizer maps the
// request to the review and remembers answers for 10 s; members of
// system:masters and the health paths are allowed without asking, by the
// server's own authorizers in front of it.

import { AuthorizationV1Api } from "@kubernetes/client-node";
import { DelegatingAuthorizer, type SubjectAccessReviewer } from "@tskube/generic-apiserver";
import { clusterConfig } from "../cluster-config.js";

/** Creates SubjectAccessReviews on the cluster that `kubeconfigPath` names. */
export function subjectAccessReviewerFor(kubeconfigPath: string): SubjectAccessReviewer {
  const api = clusterConfig(kubeconfigPath).makeApiClient(AuthorizationV1Api);
  return async (spec) => {
    const review = await api.createSubjectAccessReview({ body: { apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec } });
    return review.status ?? { allowed: false };
  };
}

/** The sample's authorizer: the cluster's answer to a SubjectAccessReview. */
export function delegatedAuthorizer(kubeconfigPath: string): DelegatingAuthorizer {
  return new DelegatingAuthorizer({ review: subjectAccessReviewerFor(kubeconfigPath) });
}
