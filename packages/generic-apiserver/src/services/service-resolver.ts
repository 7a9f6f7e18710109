// Finding the server behind a Service (upstream: the endpoint service
// resolver kube-apiserver builds once and hands to the aggregator and to
// every webhook client). Services, EndpointSlices and Endpoints are kept in
// memory by informers over the chain's storage (the same watch cache the
// kube-apiserver serves them from), so resolving costs no storage round
// trip; selectEndpoints (select-endpoints.ts) decides, and lookups are
// remembered until any of the three kinds changes (the aggregator's proxy
// asks on every request).
//
// Two ways to ask, for the two kinds of caller:
//   lookup / resolve     the aggregator: a ServiceLookup whose failures are
//                        its availability reasons; ExternalName is refused.
//   resolveEndpoint      webhook calls (upstream's webhook.ServiceResolver):
//                        an endpoint or an Error worded as upstream's;
//                        ExternalName Services are dialled by their name.
//
//   const resolver = new ServiceResolver(serviceInformers(storageFactory));
//   server.addPostStartHook("start-service-resolver", ({ signal }) => resolver.start(signal));

import type { KubeObject } from "@tskube/apimachinery";
import { type Informer, objectKey } from "../client/informer.js";
import { storageInformer } from "../client/storage-lister-watcher.js";
import type { StorageFactory } from "../registry/storage-factory.js";
import type { Logger } from "../server/logger.js";
import { type ExternalNameRouting, type ServiceEndpoint, type ServiceLookup, pickEndpoint, selectEndpoints } from "./select-endpoints.js";
import {
  ENDPOINTS_PREFIX,
  ENDPOINT_SLICES_PREFIX,
  type EndpointSlice,
  type Endpoints,
  SERVICES_PREFIX,
  SERVICE_NAME_LABEL,
  type Service,
} from "./types.js";

/** What a webhook client needs to reach a Service (upstream: webhook.ServiceResolver). */
export interface WebhookServiceResolver {
  /** A ready endpoint of the Service's `port`; throws an Error saying what is missing. */
  resolveEndpoint(namespace: string, name: string, port: number): Promise<ServiceEndpoint>;
}

/** The DNS name a service's serving certificate is issued for. */
export function serviceServerName(namespace: string, name: string): string {
  return `${name}.${namespace}.svc`;
}

export interface ServiceInformers {
  services: Informer<Service>;
  endpointSlices: Informer<EndpointSlice>;
  endpoints: Informer<Endpoints>;
}

/** Informers of Services, EndpointSlices and Endpoints in the chain's storage (not started). */
export function serviceInformers(storage: StorageFactory, logger?: Logger): ServiceInformers {
  return {
    services: storageInformer(storage.storageFor<Service>(SERVICES_PREFIX), SERVICES_PREFIX, logger),
    endpointSlices: storageInformer(storage.storageFor<EndpointSlice>(ENDPOINT_SLICES_PREFIX), ENDPOINT_SLICES_PREFIX, logger),
    endpoints: storageInformer(storage.storageFor<Endpoints>(ENDPOINTS_PREFIX), ENDPOINTS_PREFIX, logger),
  };
}

export class ServiceResolver implements WebhookServiceResolver {
  /** EndpointSlices by `namespace/service`. */
  private readonly slicesByService = new Map<string, Map<string, EndpointSlice>>();
  /** Lookups by `namespace/name:port routing`, until any Service, EndpointSlice or Endpoints changes. */
  private readonly lookups = new Map<string, ServiceLookup>();
  /** Set by start(): resolves once every informer has listed (false if stopped first). */
  private synced: Promise<boolean> | undefined;

  /** Others may add handlers to the informers (the aggregator's controllers do); start() runs them. */
  constructor(readonly informers: ServiceInformers) {
    informers.endpointSlices.addHandlers({
      added: (slice) => this.indexSlice(undefined, slice),
      updated: (old, slice) => this.indexSlice(old, slice),
      deleted: (slice) => this.indexSlice(slice, undefined),
    });
    const forget = () => this.lookups.clear();
    for (const informer of this.all()) informer.addHandlers({ added: forget, updated: forget, deleted: forget });
  }

  /** Runs the informers until `signal` aborts; resolves true once they have all listed, false if `signal` aborts first. */
  start(signal: AbortSignal): Promise<boolean> {
    if (this.synced === undefined) {
      for (const informer of this.all()) void informer.run(signal);
      this.synced = Promise.all(this.all().map((i) => i.waitForSync(signal))).then((done) => done.every(Boolean));
    }
    return this.synced;
  }

  get hasSynced(): boolean {
    return this.all().every((i) => i.hasSynced);
  }

  /** What the Service's `port` leads to, for the aggregator (ExternalName refused). */
  lookup(namespace: string, name: string, port: number): ServiceLookup {
    return this.cachedLookup(namespace, name, port, "refuse");
  }

  /** One ready endpoint of the Service's `port`, chosen at random, or undefined; for the aggregator's proxy. */
  resolve(namespace: string, name: string, port: number): ServiceEndpoint | undefined {
    const found = this.lookup(namespace, name, port);
    return found.kind === "Found" ? pickEndpoint(found.endpoints) : undefined;
  }

  /**
   * For webhook calls: one ready endpoint, or the ExternalName's host; once
   * the informers have listed. Failures are worded as upstream's resolver's.
   */
  async resolveEndpoint(namespace: string, name: string, port: number): Promise<ServiceEndpoint> {
    if (this.synced === undefined) throw new Error("the service resolver is not started");
    if (!(await this.synced)) throw new Error("the service resolver has stopped");
    const found = this.cachedLookup(namespace, name, port, "dial");
    switch (found.kind) {
      case "Found":
        return pickEndpoint(found.endpoints)!;
      case "ServiceNotFound":
        throw new Error(`service ${JSON.stringify(name)} not found`);
      case "UnsupportedServiceType":
        throw new Error(`unsupported service type ${JSON.stringify(found.type)}`);
      case "ServicePortError":
        throw new Error(`no service port ${port} found for service ${JSON.stringify(name)}`);
      case "EndpointsNotFound":
      case "MissingEndpoints":
        throw new Error(`no endpoints available for service ${JSON.stringify(name)}`);
    }
  }

  private cachedLookup(namespace: string, name: string, port: number, externalName: ExternalNameRouting): ServiceLookup {
    const key = `${namespace}/${name}:${port} ${externalName}`;
    let found = this.lookups.get(key);
    if (found === undefined) {
      const service = this.informers.services.get(`${namespace}/${name}`);
      const slices = [...(this.slicesByService.get(`${namespace}/${name}`)?.values() ?? [])];
      const endpoints = this.informers.endpoints.get(`${namespace}/${name}`);
      found = selectEndpoints(service, slices, endpoints, port, externalName);
      // Only what the informers have fully seen is kept.
      if (this.hasSynced) this.lookups.set(key, found);
    }
    return found;
  }

  private all(): Informer<KubeObject>[] {
    const { services, endpointSlices, endpoints } = this.informers;
    return [services, endpointSlices, endpoints] as Informer<KubeObject>[];
  }

  private indexSlice(old: EndpointSlice | undefined, slice: EndpointSlice | undefined): void {
    if (old !== undefined) this.slicesByService.get(serviceKeyOf(old))?.delete(objectKey(old));
    if (slice !== undefined && slice.metadata.labels?.[SERVICE_NAME_LABEL]) {
      const key = serviceKeyOf(slice);
      let slices = this.slicesByService.get(key);
      if (slices === undefined) this.slicesByService.set(key, (slices = new Map()));
      slices.set(objectKey(slice), slice);
    }
  }
}

function serviceKeyOf(slice: EndpointSlice): string {
  return `${slice.metadata.namespace ?? ""}/${slice.metadata.labels?.[SERVICE_NAME_LABEL] ?? ""}`;
}
