// Finding the server behind a Service (upstream: the aggregator's endpoint
// service resolver, --enable-aggregator-routing): the Service's port with the
// APIService's port number gives a port name; the Service's EndpointSlices
// (label kubernetes.io/service-name) give the ready addresses that have a
// port of that name, and the port number to dial there. Without any
// EndpointSlice, the Endpoints object of the same name is read instead.
// There is no kube-proxy here, so requests go straight to an endpoint, never
// to a cluster IP.
//
// Everything is read from in-memory copies (informers over storage), so resolving
// costs no storage round trip on the proxy's path.
//
// An FQDN EndpointSlice names its endpoints by host name; they are dialled
// by that name, except that `localhost` and names under `.localhost` are
// the loopback address, as RFC 6761 asks resolvers to treat them (the
// system's resolver may not know them). Endpoint IPs may not be loopback
// addresses, so this is how a server on the same host is named.

import type { KubeObject } from "@tskube/apimachinery";
import { type Informer, objectKey } from "@tskube/generic-apiserver";
import { type EndpointPort, type EndpointSlice, type Endpoints, SERVICE_NAME_LABEL, type Service } from "./types.js";

/** An address and port to dial. */
export interface Endpoint {
  host: string;
  port: number;
}

/**
 * What looking a Service up found. The failures are the reasons the
 * availability controller reports (upstream's condition reasons).
 */
export type ServiceLookup =
  | { kind: "Found"; endpoints: Endpoint[] }
  | { kind: "ServiceNotFound" }
  | { kind: "UnsupportedServiceType"; type: string }
  | { kind: "ServicePortError" }
  | { kind: "EndpointsNotFound" }
  | { kind: "MissingEndpoints"; source: "endpointslices" | "endpoints"; portName: string };

/** Service types whose endpoints can be dialled (upstream's resolver takes the same ones). */
const ROUTABLE_TYPES = new Set(["ClusterIP", "NodePort", "LoadBalancer"]);

export class ServiceResolver {
  /** EndpointSlices by `namespace/service`. */
  private readonly slicesByService = new Map<string, Map<string, EndpointSlice>>();
  /** Lookups by `namespace/name:port`, until any Service, EndpointSlice or Endpoints changes (the proxy asks on every request). */
  private readonly lookups = new Map<string, ServiceLookup>();

  constructor(
    private readonly services: Informer<Service>,
    private readonly endpointSlices: Informer<EndpointSlice>,
    private readonly endpoints: Informer<Endpoints>,
  ) {
    endpointSlices.addHandlers({
      added: (slice) => this.indexSlice(undefined, slice),
      updated: (old, slice) => this.indexSlice(old, slice),
      deleted: (slice) => this.indexSlice(slice, undefined),
    });
    const forget = () => this.lookups.clear();
    for (const informer of [services, endpointSlices, endpoints] as Informer<KubeObject>[]) {
      informer.addHandlers({ added: forget, updated: forget, deleted: forget });
    }
  }

  lookup(namespace: string, name: string, port: number): ServiceLookup {
    const key = `${namespace}/${name}:${port}`;
    let found = this.lookups.get(key);
    if (found === undefined) {
      found = this.find(namespace, name, port);
      // Only what the informers have fully seen is kept.
      if (this.services.hasSynced && this.endpointSlices.hasSynced && this.endpoints.hasSynced) this.lookups.set(key, found);
    }
    return found;
  }

  private find(namespace: string, name: string, port: number): ServiceLookup {
    const service = this.services.get(`${namespace}/${name}`);
    if (service === undefined) return { kind: "ServiceNotFound" };
    const type = service.spec?.type ?? "ClusterIP";
    if (!ROUTABLE_TYPES.has(type)) return { kind: "UnsupportedServiceType", type };
    const servicePort = service.spec?.ports?.find((p) => p.port === port);
    if (servicePort === undefined) return { kind: "ServicePortError" };
    const portName = servicePort.name ?? "";

    const slices = [...(this.slicesByService.get(`${namespace}/${name}`)?.values() ?? [])];
    if (slices.length > 0) {
      const found = slices.flatMap((slice) => sliceEndpoints(slice, portName));
      return found.length > 0 ? { kind: "Found", endpoints: found } : { kind: "MissingEndpoints", source: "endpointslices", portName };
    }
    const endpoints = this.endpoints.get(`${namespace}/${name}`);
    // Neither: worded as upstream 1.32 words it (it reads Endpoints).
    if (endpoints === undefined) return { kind: "EndpointsNotFound" };
    const found = (endpoints.subsets ?? []).flatMap((subset) => {
      const target = namedPort(subset.ports, portName);
      return target === undefined ? [] : (subset.addresses ?? []).map((a) => ({ host: a.ip, port: target }));
    });
    return found.length > 0 ? { kind: "Found", endpoints: found } : { kind: "MissingEndpoints", source: "endpoints", portName };
  }

  /** One ready endpoint of the Service, chosen at random (upstream picks randomly too), or undefined. */
  resolve(namespace: string, name: string, port: number): Endpoint | undefined {
    const found = this.lookup(namespace, name, port);
    if (found.kind !== "Found") return undefined;
    return found.endpoints[Math.floor(Math.random() * found.endpoints.length)];
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

/** The port number of the port named `name` ("" for an unnamed port). */
function namedPort(ports: readonly EndpointPort[] | null | undefined, name: string): number | undefined {
  return ports?.find((p) => (p.name ?? "") === name && p.port !== undefined)?.port;
}

/** The ready addresses of a slice with a port named `portName`. An endpoint without a ready condition counts as ready. */
function sliceEndpoints(slice: EndpointSlice, portName: string): Endpoint[] {
  const port = namedPort(slice.ports, portName);
  if (port === undefined) return [];
  return (slice.endpoints ?? [])
    .filter((e) => e.conditions?.ready !== false)
    .flatMap((e) => (e.addresses ?? []).slice(0, 1).map((host) => ({ host: slice.addressType === "FQDN" ? dialableName(host) : host, port })));
}

/** RFC 6761: localhost names are the loopback address. */
export function dialableName(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, "");
  return lower === "localhost" || lower.endsWith(".localhost") ? "127.0.0.1" : name;
}
