// The kube-aggregator of the chain (upstream: kube-aggregator's APIAggregator
// and kube-apiserver's createAggregatorServer): the outermost server. It
// serves apiregistration.k8s.io/v1 APIServices, proxies the group/versions
// of service-backed APIServices to their servers, and hands every other
// request to its delegate (the kube-apiserver, and behind it the
// apiextensions-apiserver). Its controllers, post-start hooks of the server:
//
//   start-kube-aggregator-informers                 APIServices, Services, EndpointSlices, Endpoints from storage
//   apiservice-registration-controller               a proxy per service-backed APIService; their discovery and OpenAPI
//   apiservice-status-local-available-controller     local APIServices: Available True (Local)
//   apiservice-status-remote-available-controller    service-backed APIServices: the Available checks
//   kube-apiserver-autoregistration                  a local APIService for every group/version the delegates serve
//
// and the readiness check `autoregister-completion`, which passes once every
// built-in group/version's APIService has been seen Available.

import {
  GenericAPIServer,
  type GenericAPIServerConfig,
  type RegistryResourceStorage,
  ServiceResolver,
  type StorageFactory,
  consoleLogger,
  createRegistryStore,
  discoveryGroupOf,
  serviceInformers,
  storageInformer,
} from "@tskube/generic-apiserver";
import { isAPIServiceAvailable } from "../apis/apiregistration/v1/apiservice/conditions.js";
import { apiServiceDefinition } from "../apis/apiregistration/v1/apiservice/definition.js";
import type { APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import { APIServiceRegistrationController } from "../controllers/apiservice-registration.js";
import { AutoRegistrationController, localAPIServicesFor } from "../controllers/autoregister/autoregister.js";
import { runLocalAvailabilityController } from "../controllers/local-available.js";
import { RemoteAvailabilityController } from "../controllers/remote-available.js";
import { APIREGISTRATION_GROUP, priorityOrder } from "../discovery/priority-order.js";
import { RemoteDiscovery } from "../discovery/remote-discovery.js";
import { RemoteOpenAPI } from "../openapi/remote-openapi.js";
import type { ProxyClientCertificate } from "../proxy/backend-transport.js";

export const APISERVICES_PREFIX = "/apiregistration.k8s.io/apiservices";

export interface AggregatorConfig {
  /** The generic server's configuration; `name` defaults to "kube-aggregator". */
  generic: Omit<GenericAPIServerConfig, "name" | "delegate"> & { name?: string };
  /** The server behind the aggregator: what every path the aggregator does not claim goes to. */
  delegate: GenericAPIServer;
  /** The chain's storage: APIServices are stored here, and Services and endpoints read from here. */
  storage: StorageFactory;
  /**
   * The front-proxy client certificate (`--proxy-client-cert-file`,
   * `--proxy-client-key-file`) presented to aggregated API servers. Without
   * it they cannot tell the aggregator from any client, and will not believe
   * the X-Remote-* headers.
   */
  proxyClientCert?: ProxyClientCertificate;
  /**
   * Where an APIService's Service leads. A chain gives every server the same
   * one, so Services and endpoints are watched once; without it the
   * aggregator makes its own over `storage`. Either way the aggregator's
   * post-start hook starts it (a second start() waits for the first).
   */
  serviceResolver?: ServiceResolver;
  /** How often service-backed APIServices are checked without a change (default 30 s) and the check's deadline (5 s). */
  availability?: { resyncMs?: number; discoveryTimeoutMs?: number };
  /** How often the discovery and OpenAPI documents of available servers are fetched again. Default 60 s. */
  documentsRefreshMs?: number;
}

export interface Aggregator {
  server: GenericAPIServer;
  /** The APIService registry (what `kubectl get apiservices` reads). */
  apiServices: RegistryResourceStorage<APIService>;
  /** Where the proxy and the availability checks find Services' endpoints. */
  resolver: ServiceResolver;
}

export function createAggregatorServer(config: AggregatorConfig): Aggregator {
  const logger = config.generic.logger ?? consoleLogger;
  const apiServiceStorage = config.storage.storageFor<APIService>(APISERVICES_PREFIX);
  const apiServices = createRegistryStore(apiServiceDefinition, { storage: apiServiceStorage, resourcePrefix: APISERVICES_PREFIX });

  const server = new GenericAPIServer({ ...config.generic, name: config.generic.name ?? "kube-aggregator", delegate: config.delegate });
  server.installAPIGroup({ name: APIREGISTRATION_GROUP, versions: [{ version: "v1", resources: [apiServices] }] });

  // Where a Service's requests go: the library's resolver, over informers of Services, EndpointSlices and Endpoints.
  const resolver = config.serviceResolver ?? new ServiceResolver(serviceInformers(config.storage, logger));
  const informers = { apiServices: storageInformer<APIService>(apiServiceStorage, APISERVICES_PREFIX, logger), ...resolver.informers };

  // Discovery and OpenAPI: the delegates' groups (the server adds them) and the aggregated servers', in priority order.
  const remoteDiscovery = new RemoteDiscovery();
  const remoteOpenAPI = new RemoteOpenAPI();
  server.discovery.addDiscoveryProvider(remoteDiscovery);
  server.openAPI.addDocumentProvider(remoteOpenAPI);
  const order = priorityOrder(() => informers.apiServices.list());
  server.discovery.setOrder(order);

  // What autoregistration keeps: this server's group and every group/version of the delegates.
  const wanted = () =>
    localAPIServicesFor([...server.apiGroupInfos().map(discoveryGroupOf), ...config.delegate.discovery.discoveryGroups()]);
  let wantedNow = wanted();
  const onWantedChange = (listener: () => void) =>
    config.delegate.discovery.onChange(() => {
      wantedNow = wanted();
      listener();
    });

  // (The hooks' signal, shared by every server of the chain, takes any number of listeners.)
  server.addPostStartHook("start-kube-aggregator-informers", async ({ signal }) => {
    void informers.apiServices.run(signal);
    await Promise.all([informers.apiServices.waitForSync(signal), resolver.start(signal)]);
  });
  const remoteAvailability = new RemoteAvailabilityController({
    apiServices,
    informers,
    resolver,
    proxyClientCert: config.proxyClientCert,
    ...config.availability,
    logger,
  });
  server.addPostStartHook("apiservice-registration-controller", ({ signal }) => {
    new APIServiceRegistrationController({
      server,
      informer: informers.apiServices,
      resolver,
      discovery: remoteDiscovery,
      openAPI: remoteOpenAPI,
      proxyClientCert: config.proxyClientCert,
      onUnreachable: (name) => remoteAvailability.recheck(name),
      onPrioritiesChange: () => server.discovery.setOrder(order),
      ...(config.documentsRefreshMs !== undefined ? { refreshMs: config.documentsRefreshMs } : {}),
      logger,
    }).run(signal);
  });
  server.addPostStartHook("apiservice-status-local-available-controller", ({ signal }) =>
    runLocalAvailabilityController(apiServices, informers.apiServices, signal, logger),
  );
  server.addPostStartHook("apiservice-status-remote-available-controller", ({ signal }) => remoteAvailability.run(signal));
  server.addPostStartHook("kube-apiserver-autoregistration", ({ signal }) =>
    new AutoRegistrationController({ apiServices, informer: informers.apiServices, wanted: () => wantedNow, onWantedChange, logger }).run(signal),
  );

  // Ready once every built-in group/version's APIService has been seen Available (upstream's boot sequence check).
  const pending = new Set([...wantedNow.values()].map((a) => a.metadata.name ?? ""));
  informers.apiServices.addHandlers({
    added: (a) => isAPIServiceAvailable(a) && pending.delete(a.metadata.name ?? ""),
    updated: (_, a) => isAPIServiceAvailable(a) && pending.delete(a.metadata.name ?? ""),
  });
  server.addReadyzCheck({
    name: "autoregister-completion",
    check: () => {
      if (pending.size > 0) throw new Error(`missing APIService: [${[...pending].sort().join(" ")}]`);
    },
  });

  return { server, apiServices, resolver };
}
