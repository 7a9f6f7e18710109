// The kube-apiserver of the chain (upstream: pkg/controlplane's Instance):
// a GenericAPIServer serving the built-in API groups, with the post-start
// hooks that bootstrap a new cluster. The binary (cmd/kube-apiserver) builds
// its configuration from flags and places it in the server chain.

import { type KubeObject } from "@tskube/apimachinery";
import { GenericAPIServer, type GenericAPIServerConfig, type RESTStorage } from "@tskube/generic-apiserver";
import { builtinAPIGroups } from "../apis/index.js";
import { ensureSystemNamespaces } from "../bootstrap/system-namespaces.js";
import { BUILTIN_PROTOBUF } from "../protobuf/index.js";
import type { StorageFactory } from "../registry/storage-factory.js";

export interface KubeAPIServerConfig {
  /** The generic server's configuration; `name` defaults to "kube-apiserver". */
  generic: Omit<GenericAPIServerConfig, "name"> & { name?: string };
  /** Where every resource is stored. */
  storage: StorageFactory;
}

export function createKubeAPIServer(config: KubeAPIServerConfig): GenericAPIServer {
  // Built-in kinds also take protobuf bodies (kubectl's typed clients send them), each as soon as it has a table.
  const server = new GenericAPIServer({ protobuf: BUILTIN_PROTOBUF, ...config.generic, name: config.generic.name ?? "kube-apiserver" });
  const groups = builtinAPIGroups(config.storage);
  for (const group of groups) server.installAPIGroup(group);

  const core = groups.find((g) => g.name === "");
  const namespaces = findResource(core?.versions[0]?.resources.map((r) => r.main) ?? [], "namespaces");
  const logger = config.generic.logger;
  // Upstream's hook of the same name keeps these namespaces present; ours creates them once, at start.
  // Storage may not answer yet (etcd still starting): retry until it does; /readyz waits for the hook.
  server.addPostStartHook("start-system-namespaces-controller", async ({ signal }) => {
    for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 5_000)) {
      try {
        const created = await ensureSystemNamespaces(namespaces, signal);
        if (created.length > 0) logger?.info(`created system namespaces: ${created.join(", ")}`);
        return;
      } catch (err) {
        if (signal.aborted) return; // shutting down: nothing left to do
        logger?.error("creating the system namespaces failed; retrying", err);
        await sleep(delayMs, signal);
      }
    }
  });
  return server;
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
