// The kube-apiserver of the chain (upstream: pkg/controlplane's Instance):
// a GenericAPIServer serving the built-in API groups, with the post-start
// hooks that bootstrap a new cluster. The binary (cmd/kube-apiserver) builds
// its configuration from flags and places it in the server chain.

import { type KubeObject } from "@tskube/apimachinery";
import { GenericAPIServer, type GenericAPIServerConfig, type Logger, type RESTStorage } from "@tskube/generic-apiserver";
import { builtinAPIGroups } from "../apis/index.js";
import { ensureSystemNamespaces } from "../bootstrap/system-namespaces.js";
import { ensureSystemPriorityClasses } from "../bootstrap/system-priority-classes.js";
import type { StorageFactory } from "../registry/storage-factory.js";

export interface KubeAPIServerConfig {
  /** The generic server's configuration; `name` defaults to "kube-apiserver". */
  generic: Omit<GenericAPIServerConfig, "name"> & { name?: string };
  /** Where every resource is stored. */
  storage: StorageFactory;
}

export function createKubeAPIServer(config: KubeAPIServerConfig): GenericAPIServer {
  const server = new GenericAPIServer({ ...config.generic, name: config.generic.name ?? "kube-apiserver" });
  const groups = builtinAPIGroups(config.storage);
  for (const group of groups) server.installAPIGroup(group);

  const logger = config.generic.logger;
  const core = groups.find((g) => g.name === "");
  const namespaces = findResource(core?.versions[0]?.resources.map((r) => r.main) ?? [], "namespaces");
  // Upstream's hook of the same name keeps these namespaces present; ours creates them once, at start.
  addBootstrapHook(server, "start-system-namespaces-controller", "system namespaces", logger, (signal) => ensureSystemNamespaces(namespaces, signal));

  const scheduling = groups.find((g) => g.name === "scheduling.k8s.io");
  const priorityClasses = findResource(scheduling?.versions[0]?.resources.map((r) => r.main) ?? [], "priorityclasses");
  addBootstrapHook(server, "scheduling/bootstrap-system-priority-classes", "system priority classes", logger, (signal) =>
    ensureSystemPriorityClasses(priorityClasses, signal),
  );
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

function findResource(storages: RESTStorage<KubeObject>[], resource: string): RESTStorage<KubeObject> {
  const found = storages.find((s) => s.definition.resource === resource);
  if (!found) throw new Error(`kube-apiserver: resource ${resource} is not installed`);
  return found;
}
