// The chain of API servers in one process (upstream: CreateServerChain in
// cmd/kube-apiserver/app/server.go). Requests enter the outermost server;
// each server serves its own groups and hands every other path to the next:
//
//   kube-aggregator                    APIServices; proxies aggregated groups to their servers
//     └─ kube-apiserver                built-in groups: core/v1 (namespaces, configmaps, secrets, services), ...
//          └─ apiextensions-apiserver  CRDs and their custom resources
//               └─ 404 NotFound
//
// Servers are built innermost first, since each one is built with its
// delegate. Only the outermost listens (with the filters: authentication,
// authorization, limits); the others are reached through their directors.
// Discovery and OpenAPI of the outermost server cover the whole chain.
// One ServiceResolver (informers of Services and their endpoints) serves the
// aggregator's proxy and the apiextensions-apiserver's conversion webhooks.

import { createAPIExtensionsServer } from "@tskube/apiextensions-apiserver";
import { type AdmissionPlugin, type GenericAPIServer, ServiceResolver, serviceInformers } from "@tskube/generic-apiserver";
import { createAggregatorServer } from "@tskube/kube-aggregator";
import { NAMESPACE_LIFECYCLE, NamespaceLifecycle, createKubeAPIServer, namespaceDefinition, registryStoreFor } from "@tskube/kube-apiserver";
import type { Config } from "./config.js";

export interface ServerChain {
  /** The server that listens. */
  outermost: GenericAPIServer;
  aggregator: GenericAPIServer;
  kubeAPIServer: GenericAPIServer;
  apiExtensionsServer: GenericAPIServer;
  /** Where Services lead, for the aggregator's proxy and conversion webhooks: one set of informers for the chain. */
  serviceResolver: ServiceResolver;
}

export function createServerChain(config: Config): ServerChain {
  const serviceResolver = new ServiceResolver(serviceInformers(config.storage.factory, config.server.logger));
  // 1. apiextensions-apiserver: CRDs; custom resources in namespaces go through NamespaceLifecycle too.
  const apiExtensions = createAPIExtensionsServer({
    generic: { ...config.server, admission: { plugins: apiExtensionsAdmission(config) } },
    storage: config.storage.factory,
    serviceResolver,
  });
  // 2. kube-apiserver: the built-in groups; it publishes how it authenticates
  //    clients (extension-apiserver-authentication) for aggregated servers.
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
    clusterAuthentication: { clientCA: config.pki.clientCA, requestHeader: config.requestHeader },
  });
  // 3. kube-aggregator: the outermost; it presents the front-proxy client certificate to aggregated servers.
  const { server: aggregator } = createAggregatorServer({
    generic: config.server,
    delegate: kubeAPIServer,
    storage: config.storage.factory,
    serviceResolver,
    ...(config.pki.frontProxy.client !== undefined ? { proxyClientCert: config.pki.frontProxy.client } : {}),
  });
  return { outermost: aggregator, aggregator, kubeAPIServer, apiExtensionsServer: apiExtensions.server, serviceResolver };
}

/** The admission plugins of custom resources: NamespaceLifecycle, when enabled (it reads namespaces from the shared storage). */
function apiExtensionsAdmission(config: Config): AdmissionPlugin[] {
  if (!config.admissionPlugins.includes(NAMESPACE_LIFECYCLE)) return [];
  return [new NamespaceLifecycle(registryStoreFor(namespaceDefinition, config.storage.factory).main)];
}
