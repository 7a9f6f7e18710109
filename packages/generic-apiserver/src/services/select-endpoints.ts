// Which addresses serve a Service's port (upstream: k8s.io/apiserver's
// util/proxy ResolveEndpoint and ResolveCluster), given the Service, its
// EndpointSlices and its Endpoints object. Every way of reaching a Service
// (the aggregator's proxy and availability checks, webhook calls) decides
// with this one function; the callers only word its answer.
//
// The Service's port with the asked-for number gives a port name; the
// Service's EndpointSlices give the ready addresses that have a port of
// that name, and the port number to dial there. Without any EndpointSlice,
// the Endpoints object of the same name is read instead. There is no
// kube-proxy here, so requests go straight to an endpoint, never to a
// cluster IP.
//
// An FQDN EndpointSlice names its endpoints by host name; they are dialled
// by that name, except that `localhost` and names under `.localhost` are
// the loopback address, as RFC 6761 asks resolvers to treat them (the
// system's resolver may not know them). Endpoint IPs may not be loopback
// addresses, so this is how a server on the same host is named.

import type { EndpointPort, EndpointSlice, Endpoints, Service } from "./types.js";

/** An address and port to dial. */
export interface ServiceEndpoint {
  host: string;
  port: number;
}

/**
 * What looking a Service up found. The failures are the reasons the
 * aggregator's availability controller reports (upstream's condition reasons).
 */
export type ServiceLookup =
  | { kind: "Found"; endpoints: ServiceEndpoint[] }
  | { kind: "ServiceNotFound" }
  | { kind: "UnsupportedServiceType"; type: string }
  | { kind: "ServicePortError" }
  | { kind: "EndpointsNotFound" }
  | { kind: "MissingEndpoints"; source: "endpointslices" | "endpoints"; portName: string };

/**
 * What an ExternalName Service leads to. The aggregator refuses it, as
 * upstream's endpoint routing does; webhooks dial the external name on the
 * asked-for port, as upstream's cluster-IP routing does.
 */
export type ExternalNameRouting = "refuse" | "dial";

/** Service types whose endpoints can be dialled (upstream's endpoint routing takes the same ones). */
const ROUTABLE_TYPES = new Set(["ClusterIP", "NodePort", "LoadBalancer"]);

/**
 * Where `port` of `service` is served, or why it cannot be reached.
 * `service` and `endpoints` (its Endpoints object) are undefined when they
 * do not exist; `slices` are the Service's EndpointSlices, perhaps none.
 */
export function selectEndpoints(
  service: Service | undefined,
  slices: readonly EndpointSlice[],
  endpoints: Endpoints | undefined,
  port: number,
  externalName: ExternalNameRouting,
): ServiceLookup {
  if (service === undefined) return { kind: "ServiceNotFound" };
  const type = service.spec?.type ?? "ClusterIP";
  if (type === "ExternalName" && externalName === "dial" && service.spec?.externalName) {
    return { kind: "Found", endpoints: [{ host: service.spec.externalName, port }] };
  }
  if (!ROUTABLE_TYPES.has(type)) return { kind: "UnsupportedServiceType", type };
  const servicePort = service.spec?.ports?.find((p) => p.port === port);
  if (servicePort === undefined) return { kind: "ServicePortError" };
  const portName = servicePort.name ?? "";

  if (slices.length > 0) {
    const found = slices.flatMap((slice) => sliceEndpoints(slice, portName));
    return found.length > 0 ? { kind: "Found", endpoints: found } : { kind: "MissingEndpoints", source: "endpointslices", portName };
  }
  // Neither: worded as upstream 1.32 words it (it reads Endpoints).
  if (endpoints === undefined) return { kind: "EndpointsNotFound" };
  const found = (endpoints.subsets ?? []).flatMap((subset) => {
    const target = namedPort(subset.ports, portName);
    if (target === undefined) return [];
    return (subset.addresses ?? []).flatMap((a) => (a.ip ? [{ host: a.ip, port: target }] : []));
  });
  return found.length > 0 ? { kind: "Found", endpoints: found } : { kind: "MissingEndpoints", source: "endpoints", portName };
}

/** One of the endpoints, chosen at random (upstream picks randomly too). */
export function pickEndpoint(endpoints: readonly ServiceEndpoint[]): ServiceEndpoint | undefined {
  return endpoints[Math.floor(Math.random() * endpoints.length)];
}

/** The port number of the port named `name` ("" for an unnamed port). */
function namedPort(ports: readonly EndpointPort[] | null | undefined, name: string): number | undefined {
  return ports?.find((p) => (p.name ?? "") === name && p.port !== undefined)?.port;
}

/**
 * The ready addresses of a slice with a port named `portName`. An endpoint
 * without a ready condition counts as ready; only its first address is
 * used (the others are for consumers that know what they mean).
 */
function sliceEndpoints(slice: EndpointSlice, portName: string): ServiceEndpoint[] {
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
