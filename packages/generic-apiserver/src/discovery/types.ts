// The JSON shapes of the discovery endpoints, as clients decode them.
//
// Legacy (meta/v1) discovery is one document per level: /api (APIVersions),
// /apis (APIGroupList), /apis/<g> (APIGroup), /apis/<g>/<v> and /api/v1
// (APIResourceList). Aggregated discovery (apidiscovery.k8s.io/v2) answers
// /api and /apis with every group, version and resource in one
// APIGroupDiscoveryList, which is what kubectl asks for first.

// ---- meta/v1 (legacy) ----

export interface GroupVersionForDiscovery {
  /** `apps/v1`, or `v1` for the core group. */
  groupVersion: string;
  version: string;
}

export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  /** `host:port` clients in that CIDR should use. */
  serverAddress: string;
}

/** GET /api. Upstream sends no apiVersion here. */
export interface APIVersions {
  kind: "APIVersions";
  versions: string[];
  /** Always a list: the Python client raises on null. */
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

export interface APIGroup {
  kind?: "APIGroup";
  apiVersion?: "v1";
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

/** GET /apis. */
export interface APIGroupList {
  kind: "APIGroupList";
  apiVersion: "v1";
  groups: APIGroup[];
}

export interface APIResource {
  /** Plural resource, or `<resource>/<subresource>`. */
  name: string;
  /** Empty for subresources. */
  singularName: string;
  namespaced: boolean;
  /** Set only when the kind lives in another group-version (autoscaling/v1 Scale). */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

/** GET /api/v1 and /apis/<g>/<v>. */
export interface APIResourceList {
  kind: "APIResourceList";
  /** Upstream omits it on /api/v1 and sends "v1" under /apis. */
  apiVersion?: "v1";
  groupVersion: string;
  resources: APIResource[];
}

// ---- apidiscovery.k8s.io/v2 (aggregated) ----

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export type ResourceScope = "Namespaced" | "Cluster";

export interface APISubresourceDiscovery {
  subresource: string;
  /** Empty group and version mean "the parent's group-version". */
  responseKind: GroupVersionKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  /** Empty group and version mean "this group-version". */
  responseKind: GroupVersionKind;
  scope: ResourceScope;
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

/** "Stale": the aggregator could not reach the server that serves this version. */
export type DiscoveryFreshness = "Current" | "Stale";

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: DiscoveryFreshness;
}

export interface APIGroupDiscovery {
  /** `name` is omitted for the core group, as upstream does. */
  metadata: { name?: string };
  /** Preferred version first. */
  versions: APIVersionDiscovery[];
}

/** The aggregated discovery versions we serve; both share one JSON shape. */
export type AggregatedDiscoveryVersion = "v2" | "v2beta1";

export interface APIGroupDiscoveryList {
  kind: "APIGroupDiscoveryList";
  apiVersion: `apidiscovery.k8s.io/${AggregatedDiscoveryVersion}`;
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

// ---- the manager's own model ----

/**
 * One API group as the discovery manager holds it: everything every
 * document above is built from. Local groups are converted from
 * APIGroupInfo; an aggregator can supply groups it fetched from other servers.
 */
export interface DiscoveryGroup {
  /** "" is the core group, served under /api. */
  name: string;
  /** Preferred version first. */
  versions: APIVersionDiscovery[];
}
