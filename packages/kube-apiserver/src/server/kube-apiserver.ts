// The kube-apiserver of the chain (upstream: pkg/controlplane's Instance):
// a GenericAPIServer serving the built-in API groups, with the post-start
// hooks that bootstrap a new cluster. The binary (cmd/kube-apiserver) builds
// its configuration from flags and places it in the server chain.

import { type KubeObject, isInvalid } from "@tskube/apimachinery";
import {
  type APIGroupInfo,
  GenericAPIServer,
  type GenericAPIServerConfig,
  type RESTStorage,
  type ResourceDefinition,
} from "@tskube/generic-apiserver";
import { endpointsDefinition } from "../apis/core/v1/endpoints/definition.js";
import { namespaceDefinition } from "../apis/core/v1/namespace/definition.js";
import {
  DEFAULT_REPAIR_INTERVAL_MS,
  type PortRange,
  ServiceAllocationRepair,
  createServiceAllocators,
} from "../apis/core/v1/service/allocation/index.js";
import { serviceDefinition } from "../apis/core/v1/service/definition.js";
import { builtinAPIGroups } from "../apis/index.js";
import { reconcileKubernetesService } from "../bootstrap/kubernetes-service.js";
import { retryUntilDone } from "../bootstrap/retry.js";
import { ensureSystemNamespaces } from "../bootstrap/system-namespaces.js";
import { systemWriterFor } from "../registry/registry-store.js";
import type { StorageFactory } from "../registry/storage-factory.js";

export interface KubeAPIServerConfig {
  /** The generic server's configuration; `name` defaults to "kube-apiserver". */
  generic: Omit<GenericAPIServerConfig, "name"> & { name?: string };
  /** Where every resource is stored. */
  storage: StorageFactory;
  /** Service cluster IPs and node ports. */
  services?: ServicesConfig;
  /**
   * Where clients reach this server, for the `kubernetes` Service's
   * endpoints (upstream: --advertise-address and --secure-port). Default:
   * the serving bind address (127.0.0.1 for 0.0.0.0 and ::) and the port
   * the server listens on.
   */
  advertise?: { address?: string; port?: number };
}

export interface ServicesConfig {
  /** --service-cluster-ip-range: one CIDR, or two of different families (dual-stack). Default ["10.0.0.0/24"]. */
  clusterIPRanges?: string[];
  /** --service-node-port-range. Default 30000-32767. */
  nodePortRange?: PortRange;
  /** How often the ranges are repaired from the stored Services after the first time at start. Default 3 minutes. */
  repairIntervalMs?: number;
}

export function createKubeAPIServer(config: KubeAPIServerConfig): GenericAPIServer {
  const server = new GenericAPIServer({ ...config.generic, name: config.generic.name ?? "kube-apiserver" });
  const logger = config.generic.logger;
  const serviceAllocators = createServiceAllocators({
    storage: config.storage,
    ...(config.services?.clusterIPRanges ? { clusterIPRanges: config.services.clusterIPRanges } : {}),
    ...(config.services?.nodePortRange ? { nodePortRange: config.services.nodePortRange } : {}),
    ...(logger ? { logger } : {}),
  });
  const groups = builtinAPIGroups(config.storage, { serviceAllocators });
  for (const group of groups) server.installAPIGroup(group);

  const namespaces = storageOf(groups, namespaceDefinition);
  // Upstream's hook of the same name keeps these namespaces present; ours creates them once, at start.
  // Storage may not answer yet (etcd still starting): retry until it does; /readyz waits for the hook.
  server.addPostStartHook("start-system-namespaces-controller", async ({ signal }) => {
    await retryUntilDone(
      "creating the system namespaces",
      async () => {
        const created = await ensureSystemNamespaces(namespaces, signal);
        if (created.length > 0) logger?.info(`created system namespaces: ${created.join(", ")}`);
      },
      { signal, ...(logger ? { logger } : {}) },
    );
  });

  // The ranges' records come from the stored Services at start (until then nothing is allocated),
  // and are checked again every few minutes for values no Service holds any more.
  const services = storageOf(groups, serviceDefinition);
  const repair = new ServiceAllocationRepair({ services, allocators: serviceAllocators, ...(logger ? { logger } : {}) });
  server.addPostStartHook("start-service-ip-repair-controllers", async ({ signal }) => {
    const done = await retryUntilDone("repairing the service cluster IP and node port ranges", () => repair.runOnce(), {
      signal,
      ...(logger ? { logger } : {}),
    });
    if (done) repair.runEvery(config.services?.repairIntervalMs ?? DEFAULT_REPAIR_INTERVAL_MS, signal);
  });

  // The `kubernetes` Service and its endpoints. They are written once the ranges are repaired
  // (its cluster IP cannot be allocated before) and the default namespace exists; until then
  // the tries fail and are retried. One that cannot succeed (its IP taken by another Service) is logged.
  const endpoints = systemWriterFor(endpointsDefinition, config.storage).main;
  const sliceDefinition = definitionOf(groups, "discovery.k8s.io", "endpointslices");
  const endpointSlices = sliceDefinition ? systemWriterFor(sliceDefinition, config.storage).main : undefined;
  server.addPostStartHook("bootstrap-controller", async ({ signal }) => {
    const target = {
      clusterIP: serviceAllocators.kubernetesServiceIP,
      address: config.advertise?.address ?? advertisedAddress(config.generic.serving?.bindAddress),
      port: config.advertise?.port ?? (server.isListening ? server.port : (config.generic.serving?.port ?? 443)),
    };
    await retryUntilDone(
      "reconciling the kubernetes service",
      async () => {
        const written = await reconcileKubernetesService({ services, endpoints, ...(endpointSlices ? { endpointSlices } : {}) }, target, signal);
        if (written.length > 0) logger?.info(`wrote ${written.join(", ")} in namespace default`);
      },
      { signal, giveUpOn: isInvalid, ...(logger ? { logger } : {}) },
    );
  });
  return server;
}

/** The bind address, or 127.0.0.1 when the server binds every address. */
function advertisedAddress(bindAddress: string | undefined): string {
  if (bindAddress === undefined || bindAddress === "0.0.0.0" || bindAddress === "::") return "127.0.0.1";
  return bindAddress;
}

/** The storage installed for `def` (found by the definition itself, so it stores `def`'s type). */
function storageOf<T extends KubeObject>(groups: APIGroupInfo[], def: ResourceDefinition<T>): RESTStorage<T> {
  for (const version of groups.flatMap((g) => g.versions)) {
    const found = version.resources.find((r) => r.main.definition === (def as unknown as ResourceDefinition<KubeObject>));
    if (found) return found.main as unknown as RESTStorage<T>;
  }
  throw new Error(`kube-apiserver: resource ${def.resource} is not installed`);
}

/** The definition of a resource of a group that may not be installed (another helper's group, say). */
function definitionOf(groups: APIGroupInfo[], group: string, resource: string): ResourceDefinition<KubeObject> | undefined {
  const versions = groups.find((g) => g.name === group)?.versions ?? [];
  return versions.flatMap((v) => v.resources).find((r) => r.main.definition.resource === resource)?.main.definition;
}
