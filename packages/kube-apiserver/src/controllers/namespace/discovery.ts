// Which resources a namespace can hold: what the namespace controller must
// empty (upstream: ServerPreferredNamespacedResources filtered by "delete").
// Read from the server's own aggregated discovery through the loopback
// client, so every group the chain serves is covered: built-in kinds, and
// custom resources and aggregated APIs once they are served.

import { type APIGroupDiscoveryList, DISCOVERY_ACCEPT, type RESTClient } from "@tskube/generic-apiserver";

export interface NamespacedResource {
  group: string;
  version: string;
  resource: string;
  verbs: ReadonlySet<string>;
}

export interface DiscoveredResources {
  resources: NamespacedResource[];
  /** Group-versions whose resources could not be listed (`group/version: why`), e.g. an unreachable aggregated server. */
  failures: string[];
}

/** `apps/v1`, or `v1` for the core group. */
function groupVersionString(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

/** The namespaced resources that can be deleted, in each group's preferred version. */
export async function discoverDeletableNamespacedResources(client: RESTClient, signal?: AbortSignal): Promise<DiscoveredResources> {
  const out: DiscoveredResources = { resources: [], failures: [] };
  for (const path of ["/api", "/apis"]) {
    const list = await client.request<APIGroupDiscoveryList>("GET", path, { accept: DISCOVERY_ACCEPT, ...(signal ? { signal } : {}) });
    for (const group of list.items ?? []) {
      const name = group.metadata.name ?? "";
      const preferred = group.versions[0];
      if (preferred === undefined) continue;
      if (preferred.freshness === "Stale") {
        const gv = groupVersionString(name, preferred.version);
        out.failures.push(`${gv}: stale GroupVersion discovery: ${gv}`);
        continue;
      }
      for (const r of preferred.resources) {
        if (r.scope !== "Namespaced" || !r.verbs.includes("delete")) continue;
        out.resources.push({ group: name, version: preferred.version, resource: r.resource, verbs: new Set(r.verbs) });
      }
    }
  }
  return out;
}

/** The error discovery failures make, worded as client-go's ErrGroupDiscoveryFailed. */
export function discoveryFailedMessage(failures: readonly string[]): string {
  return `unable to retrieve the complete list of server APIs: ${[...failures].sort().join(", ")}`;
}
