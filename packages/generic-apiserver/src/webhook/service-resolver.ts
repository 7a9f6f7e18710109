// Where a Service's requests go (upstream: the aggregator's endpoint service
// resolver, which kube-apiserver hands to its webhook clients): a webhook
// configured with `service: {namespace, name, port}` is called at one of the
// service's ready endpoints, found through its EndpointSlices (or, without
// any, its Endpoints), on the target port of the named service port. TLS is
// still verified against the service's DNS name, `<name>.<namespace>.svc`.

import { type KubeObject, isNotFound } from "@tskube/apimachinery";
import type { RESTClient } from "../client/rest-client.js";
import { resourcePath } from "../client/rest-client.js";

export interface ServiceAddress {
  host: string;
  port: number;
}

export interface ServiceResolver {
  resolve(namespace: string, name: string, port: number): Promise<ServiceAddress>;
}

/** The DNS name a service's serving certificate is issued for. */
export function serviceServerName(namespace: string, name: string): string {
  return `${name}.${namespace}.svc`;
}

// The few fields read here, of core/v1 and discovery.k8s.io/v1 kinds this library does not define.
interface ServicePort {
  name?: string;
  port?: number;
}
interface Service extends KubeObject {
  spec?: { type?: string; externalName?: string; ports?: ServicePort[] };
}
interface EndpointSlice extends KubeObject {
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[];
  ports?: { name?: string; port?: number }[];
}
interface Endpoints extends KubeObject {
  subsets?: { addresses?: { ip?: string }[]; ports?: { name?: string; port?: number }[] }[];
}

/** Reads Services, EndpointSlices and Endpoints through a client of the API server (the loopback client). */
export class EndpointsServiceResolver implements ServiceResolver {
  /** `client` is a function: the loopback client exists only once the server listens. */
  constructor(private readonly client: () => RESTClient) {}

  async resolve(namespace: string, name: string, port: number): Promise<ServiceAddress> {
    const client = this.client();
    let service: Service;
    try {
      service = await client.get(resourcePath({ version: "v1", resource: "services", namespace, name }));
    } catch (err) {
      if (isNotFound(err)) throw new Error(`service "${name}" not found`);
      throw err;
    }
    if (service.spec?.type === "ExternalName" && service.spec.externalName) return { host: service.spec.externalName, port };
    const servicePort = (service.spec?.ports ?? []).find((p) => p.port === port);
    if (servicePort === undefined) throw new Error(`no service port ${port} found for service "${name}"`);
    const portName = servicePort.name ?? "";

    const candidates: ServiceAddress[] = [];
    const slices = await client.list<EndpointSlice>(
      resourcePath({ group: "discovery.k8s.io", version: "v1", resource: "endpointslices", namespace }),
      { labelSelector: `kubernetes.io/service-name=${name}` },
    );
    for (const slice of slices.items) {
      const target = (slice.ports ?? []).find((p) => (p.name ?? "") === portName)?.port;
      if (target === undefined) continue;
      for (const endpoint of slice.endpoints ?? []) {
        if (endpoint.conditions?.ready === false) continue;
        for (const host of endpoint.addresses ?? []) candidates.push({ host, port: target });
      }
    }
    if (slices.items.length === 0) {
      const endpoints = await client
        .get<Endpoints>(resourcePath({ version: "v1", resource: "endpoints", namespace, name }))
        .catch((err: unknown) => {
          if (isNotFound(err)) return undefined;
          throw err;
        });
      for (const subset of endpoints?.subsets ?? []) {
        const target = (subset.ports ?? []).find((p) => (p.name ?? "") === portName)?.port;
        if (target === undefined) continue;
        for (const address of subset.addresses ?? []) if (address.ip) candidates.push({ host: address.ip, port: target });
      }
    }
    const picked = candidates[Math.floor(Math.random() * candidates.length)];
    if (picked === undefined) throw new Error(`no endpoints available for service "${name}"`);
    return picked;
  }
}
