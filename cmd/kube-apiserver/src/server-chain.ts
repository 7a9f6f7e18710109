// The chain of API servers in one process (upstream: CreateServerChain in
// cmd/kube-apiserver/app/server.go). Requests enter the outermost server;
// each server serves its own groups and hands every other path to the next:
//
//   kube-aggregator          (later)  APIServices; proxies aggregated groups to their servers
//     └─ kube-apiserver               built-in groups: core/v1 (namespaces, configmaps, secrets), ...
//          └─ apiextensions-apiserver (later)  CRDs and their custom resources
//               └─ 404 NotFound
//
// Servers are built innermost first, since each one is built with its
// delegate. Only the outermost listens (with the filters: authentication,
// authorization, limits); the others are reached through their directors.
// Discovery and OpenAPI of the outermost server cover the whole chain.

import type { GenericAPIServer } from "@tskube/generic-apiserver";
import { createKubeAPIServer } from "@tskube/kube-apiserver";
import type { Config } from "./config.js";

export interface ServerChain {
  /** The server that listens. */
  outermost: GenericAPIServer;
  kubeAPIServer: GenericAPIServer;
}

export function createServerChain(config: Config): ServerChain {
  // 1. apiextensions-apiserver: not yet (it will be the kube-apiserver's delegate).
  // 2. kube-apiserver: the built-in groups.
  const kubeAPIServer = createKubeAPIServer({
    generic: config.server,
    storage: config.storage.factory,
    admission: { plugins: config.admissionPlugins },
    rootCA: config.rootCA,
    ...(config.rbacAuthorizer ? { rbacAuthorizer: config.rbacAuthorizer } : {}),
  });
  // 3. kube-aggregator: not yet (it will delegate to the kube-apiserver and become the outermost).
  return { outermost: kubeAPIServer, kubeAPIServer };
}
