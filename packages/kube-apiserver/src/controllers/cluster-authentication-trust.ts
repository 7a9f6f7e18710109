// The cluster authentication trust controller (upstream: kube-apiserver's
// clusterauthenticationtrust controller): publishes how this server
// authenticates clients in the ConfigMap kube-system/extension-apiserver-authentication,
// where aggregated API servers read it (upstream's sample-apiserver, and
// ours, do so at start):
//
//   client-ca-file                       PEM: the CAs of client certificates
//   requestheader-client-ca-file         PEM: the CAs of front-proxy client certificates
//   requestheader-allowed-names          JSON list: the front proxy's allowed common names
//   requestheader-username-headers       JSON list, e.g. ["X-Remote-User"]
//   requestheader-group-headers          JSON list, e.g. ["X-Remote-Group"]
//   requestheader-extra-headers-prefix   JSON list, e.g. ["X-Remote-Extra-"]
//
// A ConfigMap that is deleted or edited is put back.

import { isDeepStrictEqual } from "node:util";
import { Informer, type RESTClient, WorkQueue, resourcePath } from "@tskube/generic-apiserver";
import type { ConfigMap } from "../apis/core/v1/configmap/schema.js";
import type { ControllerOptions } from "./serviceaccounts.js";

export const EXTENSION_APISERVER_AUTHENTICATION = "extension-apiserver-authentication";
export const EXTENSION_APISERVER_AUTHENTICATION_NAMESPACE = "kube-system";

export interface ClusterAuthenticationInfo {
  /** PEM bundle of the client CAs (--client-ca-file). */
  clientCA: string;
  /** Front-proxy authentication (--requestheader-*), when configured. */
  requestHeader?: {
    clientCA: string;
    allowedNames: readonly string[];
    usernameHeaders: readonly string[];
    groupHeaders: readonly string[];
    extraHeaderPrefixes: readonly string[];
  };
}

/** The ConfigMap's data, as upstream writes it. */
export function clusterAuthenticationData(info: ClusterAuthenticationInfo): Record<string, string> {
  const data: Record<string, string> = { "client-ca-file": info.clientCA };
  const rh = info.requestHeader;
  if (rh !== undefined) {
    data["requestheader-client-ca-file"] = rh.clientCA;
    data["requestheader-allowed-names"] = JSON.stringify(rh.allowedNames);
    data["requestheader-username-headers"] = JSON.stringify(rh.usernameHeaders);
    data["requestheader-group-headers"] = JSON.stringify(rh.groupHeaders);
    data["requestheader-extra-headers-prefix"] = JSON.stringify(rh.extraHeaderPrefixes);
  }
  return data;
}

/** Starts the controller; resolves once its informer has listed, then runs until `signal` aborts. */
export async function startClusterAuthenticationTrustController(
  client: RESTClient,
  info: ClusterAuthenticationInfo,
  signal: AbortSignal,
  options: ControllerOptions = {},
): Promise<void> {
  const logger = options.logger;
  const key = `${EXTENSION_APISERVER_AUTHENTICATION_NAMESPACE}/${EXTENSION_APISERVER_AUTHENTICATION}`;
  const queue = new WorkQueue({ name: "cluster_authentication_trust_controller", maxRetryDelayMs: 2_000, ...(logger ? { logger } : {}) });
  const configMaps = new Informer<ConfigMap>(client, `/api/v1/namespaces/${EXTENSION_APISERVER_AUTHENTICATION_NAMESPACE}/configmaps`, {
    query: { fieldSelector: `metadata.name=${EXTENSION_APISERVER_AUTHENTICATION}` },
    resyncMs: options.resyncMs ?? 60_000,
    ...(logger ? { logger } : {}),
  });
  configMaps.addHandlers({ updated: () => queue.add(key), deleted: () => queue.add(key) });
  void configMaps.run(signal);
  if (!(await configMaps.waitForSync(signal))) return;

  const data = clusterAuthenticationData(info);
  const path = resourcePath({ version: "v1", resource: "configmaps", namespace: EXTENSION_APISERVER_AUTHENTICATION_NAMESPACE });
  queue.add(key);
  void queue.run(async () => {
    const current = configMaps.get(key);
    if (current === undefined) {
      // Fails (and is retried) until the bootstrap hook has made kube-system.
      await client.create<ConfigMap>(path, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: EXTENSION_APISERVER_AUTHENTICATION }, data });
      return;
    }
    if (isDeepStrictEqual(current.data ?? {}, data)) return;
    await client.update<ConfigMap>(`${path}/${EXTENSION_APISERVER_AUTHENTICATION}`, { ...current, data });
  }, signal);
}
