// The parts of core/v1 Service and Endpoints and discovery.k8s.io/v1
// EndpointSlice that are read to find the server behind a Service. The
// kube-apiserver serves and validates these kinds; the other servers of the
// chain (and this library) only read what it stored, so these are the
// fields they use, nothing more.

import type { KubeObject } from "@tskube/apimachinery";

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    /** The host name an ExternalName Service stands for. */
    externalName?: string;
    ports?: ServicePort[];
  };
}

export interface EndpointPort {
  name?: string;
  port?: number;
}

export interface EndpointSlice extends KubeObject {
  addressType?: string;
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[];
  ports?: EndpointPort[] | null;
}

export interface Endpoints extends KubeObject {
  subsets?: {
    addresses?: { ip?: string }[];
    notReadyAddresses?: { ip?: string }[];
    ports?: EndpointPort[];
  }[];
}

/** The label that ties an EndpointSlice to its Service. */
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

/** Storage key prefixes (under --etcd-prefix) of the kinds above, as the kube-apiserver stores them. */
export const SERVICES_PREFIX = "/services";
export const ENDPOINTS_PREFIX = "/endpoints";
export const ENDPOINT_SLICES_PREFIX = "/endpointslices";
