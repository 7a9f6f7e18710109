// The `kubernetes` Service in `default`: how clients inside the cluster find
// the API server (upstream: the kubernetes service controller and the
// endpoint reconciler of the bootstrap-controller post-start hook).
//
// - the Service: type ClusterIP, cluster IP the first address of the
//   primary service range, port 443 named https to the server's secure
//   port, no selector, labels provider=kubernetes and component=apiserver.
//   An existing one whose type or ports differ gets them back; its other
//   fields are left alone;
// - its Endpoints: this server's advertised address and secure port,
//   labelled endpointslice.kubernetes.io/skip-mirror=true (the mirroring
//   controller leaves them to us);
// - its EndpointSlice `kubernetes` (when the discovery.k8s.io group is
//   served): the same address and port.
//
// Each is created when missing and rewritten when it differs. This server
// writes only its own address: several API servers sharing one storage
// each put theirs (upstream's lease reconciler would list them all).

import { type KubeObject, isNotFound } from "@tskube/apimachinery";
import { type RESTStorage, type RequestScope, SERVICE_NAME_LABEL } from "@tskube/generic-apiserver";
import type { Endpoints } from "../apis/core/v1/endpoints/schema.js";
import type { Service, ServicePort } from "../apis/core/v1/service/schema.js";

export const KUBERNETES_SERVICE_NAME = "kubernetes";
export const KUBERNETES_SERVICE_NAMESPACE = "default";
export const KUBERNETES_SERVICE_PORT = 443;
const SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";

export interface KubernetesServiceTarget {
  /** The Service's cluster IP: the first address of the primary service range. */
  clusterIP: string;
  /** Where the endpoints point: the server's advertised address and its secure port. */
  address: string;
  port: number;
}

export interface KubernetesServiceStorages {
  services: RESTStorage<Service>;
  endpoints: RESTStorage<Endpoints>;
  /** Present when discovery.k8s.io/v1 endpointslices are served. */
  endpointSlices?: RESTStorage<KubeObject>;
}

/** Creates or fixes the Service, its Endpoints and its EndpointSlice; returns what it wrote (`services/kubernetes`, ...). */
export async function reconcileKubernetesService(
  storages: KubernetesServiceStorages,
  target: KubernetesServiceTarget,
  signal?: AbortSignal,
): Promise<string[]> {
  const scope: RequestScope = { namespace: KUBERNETES_SERVICE_NAMESPACE, dryRun: false, warnings: [], ...(signal ? { signal } : {}) };
  const written: string[] = [];
  const ports = servicePorts(target);
  const service = await ensure(storages.services, scope, kubernetesService(target), {
    matches: (svc) => svc.spec?.type === "ClusterIP" && samePorts(svc.spec.ports ?? [], ports),
    fix: (svc) => ({ ...svc, spec: { ...svc.spec, type: "ClusterIP", ports } }),
  });
  if (service) written.push("services/kubernetes");

  const endpoints = kubernetesEndpoints(target);
  const wroteEndpoints = await ensure(storages.endpoints, scope, endpoints, {
    matches: (ep) => ep.metadata.labels?.[SKIP_MIRROR_LABEL] === "true" && same(ep.subsets, endpoints.subsets),
    fix: (ep) => ({ ...ep, metadata: { ...ep.metadata, labels: { ...ep.metadata.labels, [SKIP_MIRROR_LABEL]: "true" } }, subsets: endpoints.subsets }),
  });
  if (wroteEndpoints) written.push("endpoints/kubernetes");

  if (storages.endpointSlices) {
    const slice = kubernetesEndpointSlice(target);
    const wroteSlice = await ensure(storages.endpointSlices, scope, slice, {
      matches: (s) =>
        s.metadata.labels?.[SERVICE_NAME_LABEL] === KUBERNETES_SERVICE_NAME &&
        s["addressType"] === slice["addressType"] &&
        same(s["endpoints"], slice["endpoints"]) &&
        same(s["ports"], slice["ports"]),
      fix: (s) => ({
        ...s,
        metadata: { ...s.metadata, labels: { ...s.metadata.labels, [SERVICE_NAME_LABEL]: KUBERNETES_SERVICE_NAME } },
        addressType: slice["addressType"],
        endpoints: slice["endpoints"],
        ports: slice["ports"],
      }),
    });
    if (wroteSlice) written.push("endpointslices/kubernetes");
  }
  return written;
}

/** The Service as upstream creates it. */
export function kubernetesService(target: KubernetesServiceTarget): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: KUBERNETES_SERVICE_NAME,
      namespace: KUBERNETES_SERVICE_NAMESPACE,
      labels: { provider: "kubernetes", component: "apiserver" },
    },
    spec: { type: "ClusterIP", clusterIP: target.clusterIP, sessionAffinity: "None", ports: servicePorts(target) },
  };
}

export function kubernetesEndpoints(target: KubernetesServiceTarget): Endpoints {
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: KUBERNETES_SERVICE_NAME, namespace: KUBERNETES_SERVICE_NAMESPACE, labels: { [SKIP_MIRROR_LABEL]: "true" } },
    subsets: [{ addresses: [{ ip: target.address }], ports: [{ name: "https", port: target.port, protocol: "TCP" }] }],
  };
}

export function kubernetesEndpointSlice(target: KubernetesServiceTarget): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: KUBERNETES_SERVICE_NAME, namespace: KUBERNETES_SERVICE_NAMESPACE, labels: { [SERVICE_NAME_LABEL]: KUBERNETES_SERVICE_NAME } },
    addressType: target.address.includes(":") ? "IPv6" : "IPv4",
    endpoints: [{ addresses: [target.address], conditions: { ready: true } }],
    ports: [{ name: "https", port: target.port, protocol: "TCP" }],
  };
}

function servicePorts(target: KubernetesServiceTarget): ServicePort[] {
  return [{ name: "https", protocol: "TCP", port: KUBERNETES_SERVICE_PORT, targetPort: target.port }];
}

/** Ports compared on what the controller sets (stored ports also carry no nodePort for ClusterIP). */
function samePorts(stored: readonly ServicePort[], wanted: readonly ServicePort[]): boolean {
  const key = (p: ServicePort) => JSON.stringify([p.name ?? "", p.protocol ?? "", p.port, p.targetPort ?? "", p.nodePort ?? 0, p.appProtocol ?? ""]);
  return stored.length === wanted.length && stored.every((p, i) => key(p) === key(wanted[i] as ServicePort));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Creates `desired` when missing, else rewrites the stored object with
 * `fix` unless it `matches`; true when it wrote. Objects are defaulted as
 * the REST handlers default a request body.
 */
async function ensure<T extends KubeObject>(
  storage: RESTStorage<T>,
  scope: RequestScope,
  desired: T,
  rules: { matches: (current: T) => boolean; fix: (current: T) => T },
): Promise<boolean> {
  const name = desired.metadata.name ?? "";
  const defaulted = (obj: T): T => {
    const copy = structuredClone(obj);
    storage.definition.strategy.applyDefaults?.(copy);
    return copy;
  };
  let current: T | null;
  try {
    current = await storage.get(scope, name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    current = null;
  }
  if (current === null) {
    await storage.create(scope, defaulted(desired));
    return true;
  }
  if (rules.matches(current)) return false;
  await storage.update(scope, name, {
    updatedObject: (latest) => {
      if (latest === null) throw new Error(`${storage.definition.resource}/${name} was deleted meanwhile`);
      return defaulted(rules.fix(latest));
    },
  });
  return true;
}
