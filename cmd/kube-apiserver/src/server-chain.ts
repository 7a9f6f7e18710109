// The chain of API servers in one process (upstream: CreateServerChain in
// cmd/kube-apiserver/app/server.go). Requests enter the outermost server;
// each server serves its own groups and hands every other path to the next:
//
//   kube-aggregator          (later)  APIServices; proxies aggregated groups to their servers
//     └─ kube-apiserver               built-in groups: core/v1 (namespaces, configmaps, secrets, services), ...
//          └─ apiextensions-apiserver CRDs and their custom resources
//               └─ 404 NotFound
//
// Servers are built innermost first, since each one is built with its
// delegate. Only the outermost listens (with the filters: authentication,
// authorization, limits); the others are reached through their directors.
// Discovery and OpenAPI of the outermost server cover the whole chain.

import { createAPIExtensionsServer } from "@tskube/apiextensions-apiserver";
import type { AdmissionPlugin, GenericAPIServer } from "@tskube/generic-apiserver";
import { NAMESPACE_LIFECYCLE, NamespaceLifecycle, createKubeAPIServer, namespaceDefinition, registryStoreFor } from "@tskube/kube-apiserver";
import type { Config } from "./config.js";

export interface ServerChain {
  /** The server that listens. */
  outermost: GenericAPIServer;
  kubeAPIServer: GenericAPIServer;
  apiExtensionsServer: GenericAPIServer;
}

export function createServerChain(config: Config): ServerChain {
  // 1. apiextensions-apiserver: CRDs; custom resources in namespaces go through NamespaceLifecycle too.
  const apiExtensions = createAPIExtensionsServer({
    generic: { ...config.server, admission: { plugins: apiExtensionsAdmission(config) } },
    storage: config.storage.factory,
  });
  // 2. kube-apiserver: the built-in groups.
  const { clusterIPRange, nodePortRange } = config.options.services;
  const kubeAPIServer = createKubeAPIServer({
    generic: { ...config.server, delegate: apiExtensions.server },
    storage: config.storage.factory,
    admission: { plugins: config.admissionPlugins },
    rootCA: config.rootCA,
    services: { clusterIPRanges: clusterIPRange.map((cidr) => `${cidr.address}/${cidr.prefixLength}`), nodePortRange },
    authentication: config.authentication,
    serviceAccountTokens: config.serviceAccountTokens,
    ...(config.rbacAuthorizer ? { rbacAuthorizer: config.rbacAuthorizer } : {}),
  });
  // 3. kube-aggregator: not yet (it will delegate to the kube-apiserver and become the outermost).
  return { outermost: kubeAPIServer, kubeAPIServer, apiExtensionsServer: apiExtensions.server };
}

/** The admission plugins of custom resources: NamespaceLifecycle, when enabled (it reads namespaces from the shared storage). */
function apiExtensionsAdmission(config: Config): AdmissionPlugin[] {
  if (!config.admissionPlugins.includes(NAMESPACE_LIFECYCLE)) return [];
  return [new NamespaceLifecycle(registryStoreFor(namespaceDefinition, config.storage.factory).main)];
}
