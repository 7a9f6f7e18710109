// The kube-apiserver of the chain (upstream: pkg/controlplane's Instance):
// a GenericAPIServer serving the built-in API groups, with the post-start
// hooks that bootstrap a new cluster. The binary (cmd/kube-apiserver) builds
// its configuration from flags and places it in the server chain.

import { type KubeObject } from "@tskube/apimachinery";
import { GenericAPIServer, type GenericAPIServerConfig, type Logger, type RESTStorage, sleep } from "@tskube/generic-apiserver";
import { ADMISSION_PLUGIN_NAMES, admissionPlugins } from "../admission/plugins.js";
import { builtinAPIGroups } from "../apis/index.js";
import { ensureSystemNamespaces } from "../bootstrap/system-namespaces.js";
import { ensureSystemPriorityClasses } from "../bootstrap/system-priority-classes.js";
import { BUILTIN_PROTOBUF } from "../protobuf/index.js";
import { startNamespaceController } from "../controllers/namespace/controller.js";
import { startRootCACertPublisher } from "../controllers/root-ca-publisher.js";
import { type ClusterAuthenticationInfo, startClusterAuthenticationTrustController } from "../controllers/cluster-authentication-trust.js";
import { startServiceAccountsController } from "../controllers/serviceaccounts.js";
import type { StorageFactory } from "../registry/storage-factory.js";

export interface KubeAPIServerConfig {
  /** The generic server's configuration; `name` defaults to "kube-apiserver". Its admission plugins run after ours. */
  generic: Omit<GenericAPIServerConfig, "name"> & { name?: string };
  /** Where every resource is stored. */
  storage: StorageFactory;
  /** Which admission plugins run (upstream's names); default every one implemented, all on by default upstream. */
  admission?: { plugins?: readonly string[] };
  /**
   * The CA bundle (PEM) that verifies this server, published in every
   * namespace as the ConfigMap kube-root-ca.crt. Without it, no ConfigMap is published.
   */
  rootCA?: string;
  /**
   * How this server authenticates clients, published in
   * kube-system/extension-apiserver-authentication for aggregated API
   * servers. Without it, no ConfigMap is published.
   */
  clusterAuthentication?: ClusterAuthenticationInfo;
}

export function createKubeAPIServer(config: KubeAPIServerConfig): GenericAPIServer {
  const groups = builtinAPIGroups(config.storage);
  const core = groups.find((g) => g.name === "")?.versions[0]?.resources.map((r) => r.main) ?? [];
  const namespaces = findResource(core, "namespaces");
  const plugins = admissionPlugins(config.admission?.plugins ?? ADMISSION_PLUGIN_NAMES, {
    namespaces,
    serviceAccounts: findResource(core, "serviceaccounts"),
  });
  // Built-in kinds also take protobuf bodies (kubectl's typed clients send them), each as soon as it has a table.
  const server = new GenericAPIServer({
    protobuf: BUILTIN_PROTOBUF,
    ...config.generic,
    name: config.generic.name ?? "kube-apiserver",
    admission: { plugins: [...plugins, ...(config.generic.admission?.plugins ?? [])] },
  });
  for (const group of groups) server.installAPIGroup(group);

  const logger = config.generic.logger;
  // Upstream's hook of the same name keeps these namespaces present; ours creates them once, at start.
  addBootstrapHook(server, "start-system-namespaces-controller", "system namespaces", logger, (signal) => ensureSystemNamespaces(namespaces, signal));

  const scheduling = groups.find((g) => g.name === "scheduling.k8s.io");
  const priorityClasses = findResource(scheduling?.versions[0]?.resources.map((r) => r.main) ?? [], "priorityclasses");
  addBootstrapHook(server, "scheduling/bootstrap-system-priority-classes", "system priority classes", logger, (signal) =>
    ensureSystemPriorityClasses(priorityClasses, signal),
  );

  // Upstream's kube-controller-manager runs these; here they run in the server, through its loopback
  // client. Each hook returns once its controller has listed what it follows.
  const controllerOptions = logger ? { logger } : {};
  server.addPostStartHook("start-namespace-controller", ({ signal, loopbackClient }) =>
    startNamespaceController(loopbackClient, signal, controllerOptions),
  );
  server.addPostStartHook("start-serviceaccounts-controller", ({ signal, loopbackClient }) =>
    startServiceAccountsController(loopbackClient, signal, controllerOptions),
  );
  const rootCA = config.rootCA;
  if (rootCA !== undefined) {
    server.addPostStartHook("start-root-ca-cert-publisher", ({ signal, loopbackClient }) =>
      startRootCACertPublisher(loopbackClient, rootCA, signal, controllerOptions),
    );
  }
  const clusterAuthentication = config.clusterAuthentication;
  if (clusterAuthentication !== undefined) {
    server.addPostStartHook("start-cluster-authentication-info-controller", ({ signal, loopbackClient }) =>
      startClusterAuthenticationTrustController(loopbackClient, clusterAuthentication, signal, controllerOptions),
    );
  }
  return server;
}

/**
 * A post-start hook that creates objects a cluster needs. Storage may not
 * answer yet (etcd still starting): it retries until it does; /readyz waits
 * for the hook.
 */
function addBootstrapHook(
  server: GenericAPIServer,
  name: string,
  what: string,
  logger: Logger | undefined,
  ensure: (signal: AbortSignal) => Promise<string[]>,
): void {
  server.addPostStartHook(name, async ({ signal }) => {
    for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 5_000)) {
      try {
        const created = await ensure(signal);
        if (created.length > 0) logger?.info(`created ${what}: ${created.join(", ")}`);
        return;
      } catch (err) {
        if (signal.aborted) return; // shutting down: nothing left to do
        logger?.error(`creating the ${what} failed; retrying`, err);
        await sleep(delayMs, signal);
      }
    }
  });
}

function findResource(storages: RESTStorage<KubeObject>[], resource: string): RESTStorage<KubeObject> {
  const found = storages.find((s) => s.definition.resource === resource);
  if (!found) throw new Error(`kube-apiserver: resource ${resource} is not installed`);
  return found;
}
