// The apiextensions-apiserver of the chain (upstream: pkg/apiserver's
// CustomResourceDefinitions server): a GenericAPIServer serving
// apiextensions.k8s.io/v1 CustomResourceDefinitions and, from the moment
// each CRD's names are accepted, the custom resources it defines, under
// /apis/<group>/<version>/. It is the kube-apiserver's delegate: requests
// for paths the core server does not serve come here.
//
// Post-start hooks (shown in /readyz?verbose):
//   start-apiextensions-informers        the CRD informer, over the loopback client
//   start-apiextensions-controllers      naming, establishing and finalizer controllers
//   crd-informer-synced                  every existing CRD has been seen (and served)
//   start-apiextensions-service-resolver Services and their endpoints, read from storage,
//                                        for conversion webhooks given as a Service

import type { KubeObject } from "@tskube/apimachinery";
import {
  GenericAPIServer,
  type GenericAPIServerConfig,
  type ResourceStorage,
  ServiceResolver,
  type StorageFactory,
  serviceInformers,
} from "@tskube/generic-apiserver";
import { APIEXTENSIONS_GROUP } from "../apis/apiextensions/v1/definition.js";
import { customResourceDefinitionStorage } from "../apis/apiextensions/v1/storage.js";
import { type APIExtensionsControllers, startAPIExtensionsControllers } from "../controllers/run.js";
import { CustomResourceServing } from "../customresource/serving.js";

export interface APIExtensionsServerConfig {
  /** The generic server's configuration; `name` defaults to "apiextensions-apiserver". */
  generic: Omit<GenericAPIServerConfig, "name"> & { name?: string };
  /**
   * Where CRDs and custom resources are stored (keys `/apiextensions.k8s.io/...`
   * and `/<group>/<plural>/...`), and where the Services of conversion
   * webhooks and their endpoints are read from (`/services`, `/endpointslices`, `/endpoints`).
   */
  storage: StorageFactory;
  /**
   * Where a conversion webhook's Service leads. A chain gives every server the
   * same one, so Services and endpoints are watched once; without it the
   * server makes its own over `storage`. Either way this server's post-start
   * hook starts it (a second start() waits for the first).
   */
  serviceResolver?: ServiceResolver;
}

export interface APIExtensionsServer {
  server: GenericAPIServer;
  serviceResolver: ServiceResolver;
  /** What serves the custom resources (tests look inside). */
  serving: CustomResourceServing;
}

export function createAPIExtensionsServer(config: APIExtensionsServerConfig): APIExtensionsServer {
  const server = new GenericAPIServer({ ...config.generic, name: config.generic.name ?? "apiextensions-apiserver" });
  const logger = config.generic.logger;
  // (A group holds storages of many kinds; its resources are typed as plain objects.)
  const crds = customResourceDefinitionStorage(config.storage) as unknown as ResourceStorage<KubeObject>;
  server.installAPIGroup({ name: APIEXTENSIONS_GROUP, versions: [{ version: "v1", resources: [crds] }] });

  // A conversion webhook given as a Service is called at a ready endpoint of it (or an ExternalName's host).
  const serviceResolver = config.serviceResolver ?? new ServiceResolver(serviceInformers(config.storage, logger));
  const serving = new CustomResourceServing({ server, storage: config.storage, serviceResolver, ...(logger ? { logger } : {}) });

  let controllers: APIExtensionsControllers | undefined;
  server.addPostStartHook("start-apiextensions-informers", ({ signal, loopbackClient }) => {
    controllers = startAPIExtensionsControllers(loopbackClient, serving, signal, logger);
    signal.addEventListener("abort", () => serving.stop(), { once: true });
  });
  // The controllers start with the informer; these hooks report when they are under way.
  server.addPostStartHook("start-apiextensions-controllers", async ({ signal }) => {
    await waitFor(() => controllers, signal);
  });
  server.addPostStartHook("crd-informer-synced", async ({ signal }) => {
    const started = await waitFor(() => controllers, signal);
    await started?.synced;
  });
  server.addPostStartHook("start-apiextensions-service-resolver", async ({ signal }) => {
    await serviceResolver.start(signal);
  });
  return { server, serviceResolver, serving };
}

/** Hooks start in order but run concurrently: waits for the informer hook's result. */
async function waitFor<T>(get: () => T | undefined, signal: AbortSignal): Promise<T | undefined> {
  for (let value = get(); !signal.aborted; value = get()) {
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}
