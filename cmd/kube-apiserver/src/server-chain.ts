// The chain of API servers in one process (upstream: CreateServerChain in
// cmd/kube-apiserver/app/server.go). Requests enter the outermost server;
// each server serves its own groups and hands every other path to the next:
//
//   kube-aggregator                    APIServices; proxies aggregated groups to their servers
//     └─ kube-apiserver                built-in groups: core/v1 (namespaces, configmaps, secrets), ...
//          └─ apiextensions-apiserver (later)  CRDs and their custom resources
//               └─ 404 NotFound
//
// Servers are built innermost first, since each one is built with its
// delegate. Only the outermost listens (with the filters: authentication,
// authorization, limits); the others are reached through their directors.
// Discovery and OpenAPI of the outermost server cover the whole chain.

import type { GenericAPIServer } from "@tskube/generic-apiserver";
import { createAggregatorServer } from "@tskube/kube-aggregator";
import { createKubeAPIServer } from "@tskube/kube-apiserver";
import type { Config } from "./config.js";

export interface ServerChain {
  /** The server that listens: the aggregator. */
  outermost: GenericAPIServer;
  aggregator: GenericAPIServer;
  kubeAPIServer: GenericAPIServer;
}

export function createServerChain(config: Config): ServerChain {
  // 1. apiextensions-apiserver: not yet (it will be the kube-apiserver's delegate).
  // 2. kube-apiserver: the built-in groups; it publishes how it authenticates
  //    clients (extension-apiserver-authentication) for aggregated servers.
  const kubeAPIServer = createKubeAPIServer({
    generic: config.server,
    storage: config.storage.factory,
    admission: { plugins: config.admissionPlugins },
    rootCA: config.rootCA,
    clusterAuthentication: { clientCA: config.pki.clientCA, requestHeader: config.requestHeader },
  });
  // 3. kube-aggregator: the outermost; it presents the front-proxy client certificate to aggregated servers.
  const { server: aggregator } = createAggregatorServer({
    generic: config.server,
    delegate: kubeAPIServer,
    storage: config.storage.factory,
    ...(config.pki.frontProxy.client !== undefined ? { proxyClientCert: config.pki.frontProxy.client } : {}),
  });
  return { outermost: aggregator, aggregator, kubeAPIServer };
}
