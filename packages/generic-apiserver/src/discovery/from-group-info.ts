// What discovery says about an installed group: taken from each resource's
// definition (names, scope, verbs, subresources). Discovery never calls the
// storage itself.

import type { APIGroupInfo } from "../server/api-group.js";
import type { ResourceDefinition } from "../registry/resource.js";
import type { APIResourceDiscovery, APISubresourceDiscovery, DiscoveryGroup, GroupVersionKind } from "./types.js";

/** Verbs of the status and scale subresources (read, replace, patch); custom subresources declare theirs. */
const SUBRESOURCE_VERBS = ["get", "patch", "update"];

/** The kind a scale subresource reads and writes. */
export const SCALE_GVK: GroupVersionKind = { group: "autoscaling", version: "v1", kind: "Scale" };

export function discoveryGroupOf(info: APIGroupInfo): DiscoveryGroup {
  return {
    name: info.name,
    versions: info.versions.map((v) => ({
      version: v.version,
      resources: v.resources.map((storage) => resourceDiscoveryOf(storage.main.definition)).sort(byResource),
      freshness: "Current",
    })),
  };
}

export function resourceDiscoveryOf(def: ResourceDefinition): APIResourceDiscovery {
  const customResource = def.discoveryStyle === "custom-resource";
  // For built-in resources empty group and version mean "the group-version being listed", as upstream
  // sends them; for custom resources upstream names them.
  const sameGroupVersion = (kind: string): GroupVersionKind =>
    customResource ? { group: def.group, version: def.version, kind } : { group: "", version: "", kind };
  const subresources: APISubresourceDiscovery[] = [];
  if (def.subresources?.status) {
    subresources.push({ subresource: "status", responseKind: sameGroupVersion(def.kind), verbs: [...SUBRESOURCE_VERBS] });
  }
  if (def.subresources?.scale) {
    subresources.push({ subresource: "scale", responseKind: { ...SCALE_GVK }, verbs: [...SUBRESOURCE_VERBS] });
  }
  for (const [name, custom] of Object.entries(def.subresources?.custom ?? {})) {
    const kind = custom.kind;
    const otherGroupVersion = kind !== undefined && (kind.group !== def.group || kind.version !== def.version);
    const responseKind = otherGroupVersion
      ? { group: kind.group, version: kind.version, kind: kind.kind }
      : sameGroupVersion(kind?.kind ?? def.kind);
    subresources.push({ subresource: name, responseKind, verbs: [...custom.verbs].sort() });
  }
  // Built-in subresources come in name order (upstream builds them from the sorted resource list);
  // a custom resource's in upstream's fixed order: status, then scale.
  if (!customResource) subresources.sort((a, b) => (a.subresource < b.subresource ? -1 : a.subresource > b.subresource ? 1 : 0));
  return {
    resource: def.resource,
    responseKind: sameGroupVersion(def.kind),
    scope: def.namespaced ? "Namespaced" : "Cluster",
    singularResource: def.singular,
    verbs: [...(def.discoveryVerbs ?? def.verbs)].sort(),
    ...(def.shortNames?.length ? { shortNames: [...def.shortNames] } : {}),
    ...(def.categories?.length ? { categories: [...def.categories] } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

function byResource(a: APIResourceDiscovery, b: APIResourceDiscovery): number {
  return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0;
}
