// The unaggregated (meta/v1) discovery documents, built from the manager's
// groups. Clients that do not ask for aggregated discovery walk these: /api,
// /apis, then one APIResourceList per group-version.

import type {
  APIGroup,
  APIGroupList,
  APIResource,
  APIResourceList,
  APIVersionDiscovery,
  APIVersions,
  DiscoveryGroup,
  GroupVersionForDiscovery,
} from "./types.js";

export function groupVersionString(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

/** GET /api: the core group's versions and where to reach the server. */
export function apiVersionsOf(core: DiscoveryGroup, serverAddress: string): APIVersions {
  return {
    kind: "APIVersions",
    versions: core.versions.map((v) => v.version),
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

/** One entry of /apis, or the body of /apis/<group> (with kind and apiVersion). */
export function apiGroupOf(group: DiscoveryGroup, withTypeMeta: boolean): APIGroup {
  const versions: GroupVersionForDiscovery[] = group.versions.map((v) => ({
    groupVersion: groupVersionString(group.name, v.version),
    version: v.version,
  }));
  // Callers only build documents for groups with at least one version.
  const preferred = versions[0] as GroupVersionForDiscovery;
  return {
    ...(withTypeMeta ? { kind: "APIGroup" as const, apiVersion: "v1" as const } : {}),
    name: group.name,
    versions,
    preferredVersion: { ...preferred },
  };
}

/** GET /apis: every group except the core one. */
export function apiGroupListOf(groups: readonly DiscoveryGroup[]): APIGroupList {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: groups.filter((g) => g.name !== "").map((g) => apiGroupOf(g, false)),
  };
}

/** GET /api/v1 or /apis/<group>/<version>: resources, then `<resource>/<subresource>` entries. */
export function apiResourceListOf(group: string, version: APIVersionDiscovery): APIResourceList {
  const resources: APIResource[] = [];
  for (const r of version.resources) {
    const namespaced = r.scope === "Namespaced";
    resources.push({
      name: r.resource,
      singularName: r.singularResource,
      namespaced,
      ...otherGroupVersion(r.responseKind, group, version.version),
      kind: r.responseKind.kind,
      verbs: [...r.verbs],
      ...(r.shortNames?.length ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories?.length ? { categories: [...r.categories] } : {}),
    });
    for (const s of r.subresources ?? []) {
      resources.push({
        name: `${r.resource}/${s.subresource}`,
        singularName: "",
        namespaced,
        ...otherGroupVersion(s.responseKind, group, version.version),
        kind: s.responseKind.kind,
        verbs: [...s.verbs],
      });
    }
  }
  resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    kind: "APIResourceList",
    // An upstream quirk clients are used to: /api/v1 carries no apiVersion.
    ...(group === "" ? {} : { apiVersion: "v1" as const }),
    groupVersion: groupVersionString(group, version.version),
    resources,
  };
}

/** An APIResource names a group and version only when they differ from the list's (e.g. a Scale). */
function otherGroupVersion(kind: { group: string; version: string }, group: string, version: string): { group?: string; version?: string } {
  const same = (kind.group === "" && kind.version === "") || (kind.group === group && kind.version === version);
  return same ? {} : { group: kind.group, version: kind.version };
}
