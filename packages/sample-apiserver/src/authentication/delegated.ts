// Authentication delegated to the cluster (upstream: the sample's
// DelegatingAuthenticationOptions): the server reads
// kube-system/extension-apiserver-authentication from the kube-apiserver,
// through a kubeconfig, and from it builds
//
// - a RequestHeaderAuthenticator: requests from the aggregator carry the
//   user in X-Remote-User/-Group/-Extra-* over the front-proxy client
//   certificate (requestheader-client-ca-file, requestheader-allowed-names
//   and the header names), and only then are those headers believed;
// - an X509Authenticator for clients that come straight to this server with
//   a certificate of the cluster's client CA (client-ca-file);
// - bearer tokens, which the kube-apiserver checks with a TokenReview
//   (generic-apiserver's DelegatingTokenAuthenticator, answers remembered 10 s).
//
// Authorization is delegated too: ../authorization.

import { setTimeout as sleep } from "node:timers/promises";
import { AuthenticationV1Api, CoreV1Api } from "@kubernetes/client-node";
import {
  type Authenticator,
  BearerTokenAuthenticator,
  DelegatingTokenAuthenticator,
  type TokenReviewer,
  type Logger,
  RequestHeaderAuthenticator,
  type RequestHeaderConfig,
  X509Authenticator,
} from "@tskube/generic-apiserver";
import { clusterConfig } from "../cluster-config.js";

export const AUTHENTICATION_CONFIG_MAP = { namespace: "kube-system", name: "extension-apiserver-authentication" };

/** What the ConfigMap says, parsed. */
export interface ClusterAuthentication {
  clientCA?: string;
  requestHeader?: RequestHeaderConfig;
}

/** Parses the ConfigMap's data (lists are JSON arrays, as the kube-apiserver writes them). */
export function parseClusterAuthentication(data: Record<string, string>): ClusterAuthentication {
  const list = (key: string): string[] | undefined => {
    const text = data[key];
    if (text === undefined || text === "") return undefined;
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string")) throw new Error(`${key}: not a JSON list of strings`);
    return parsed;
  };
  const result: ClusterAuthentication = {};
  if (data["client-ca-file"]) result.clientCA = data["client-ca-file"];
  const requestHeaderCA = data["requestheader-client-ca-file"];
  if (requestHeaderCA) {
    const usernameHeaders = list("requestheader-username-headers");
    const groupHeaders = list("requestheader-group-headers");
    const extraHeaderPrefixes = list("requestheader-extra-headers-prefix");
    result.requestHeader = {
      clientCA: requestHeaderCA,
      allowedNames: list("requestheader-allowed-names") ?? [],
      ...(usernameHeaders ? { usernameHeaders } : {}),
      ...(groupHeaders ? { groupHeaders } : {}),
      ...(extraHeaderPrefixes ? { extraHeaderPrefixes } : {}),
    };
  }
  return result;
}

/**
 * The authenticators the ConfigMap describes: front-proxy requests first, then
 * client certificates; then, given a way to send TokenReviews, bearer tokens.
 */
export function authenticatorsFor(auth: ClusterAuthentication, tokenReviewer?: TokenReviewer): Authenticator[] {
  return [
    ...(auth.requestHeader ? [new RequestHeaderAuthenticator(auth.requestHeader)] : []),
    ...(auth.clientCA ? [new X509Authenticator({ clientCA: auth.clientCA })] : []),
    ...(tokenReviewer ? [new BearerTokenAuthenticator([new DelegatingTokenAuthenticator({ review: tokenReviewer })])] : []),
  ];
}

/** Creates TokenReviews on the cluster that `kubeconfigPath` names. */
export function tokenReviewerFor(kubeconfigPath: string): TokenReviewer {
  const api = clusterConfig(kubeconfigPath).makeApiClient(AuthenticationV1Api);
  return async (spec) => {
    const review = await api.createTokenReview({ body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec } });
    return review.status ?? {};
  };
}

/**
 * Reads the ConfigMap through `kubeconfigPath`, retrying while the
 * kube-apiserver is not there yet or has not published it, up to `timeoutMs`.
 */
export async function readClusterAuthentication(kubeconfigPath: string, opts: { timeoutMs?: number; logger: Logger }): Promise<ClusterAuthentication> {
  const core = clusterConfig(kubeconfigPath).makeApiClient(CoreV1Api);
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (let delayMs = 200; ; delayMs = Math.min(delayMs * 2, 2_000)) {
    try {
      const cm = await core.readNamespacedConfigMap(AUTHENTICATION_CONFIG_MAP);
      return parseClusterAuthentication(cm.data ?? {});
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`unable to load configmap based request-header-client-ca-file: ${err instanceof Error ? err.message : String(err)}`);
      }
      opts.logger.info(`sample-apiserver: waiting for ${AUTHENTICATION_CONFIG_MAP.namespace}/${AUTHENTICATION_CONFIG_MAP.name}`);
      await sleep(delayMs);
    }
  }
}
