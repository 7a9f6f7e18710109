// The discovery of aggregated API servers (upstream: the aggregator's
// discovery manager, handler_discovery.go): for each service-backed
// APIService, the server's /apis is fetched with the aggregated discovery
// Accept header, and the APIService's own group/version taken from it; a
// server that does not answer aggregated discovery is asked for the legacy
// /apis/<group>/<version> instead. When the server cannot be reached, the
// version stays listed, with the resources last seen (none if never), as
// `freshness: Stale`; clients then know that part of discovery is missing.
//
// The versions found are published through the aggregator's
// DiscoveryManager (/apis, /apis/<group>, aggregated discovery), in the
// APIServices' priority order.

import {
  type APIGroupDiscoveryList,
  type APIResourceDiscovery,
  type APIResourceList,
  type APIVersionDiscovery,
  DISCOVERY_ACCEPT,
  type DiscoveryGroup,
  type DiscoveryGroupProvider,
  type Unsubscribe,
} from "@tskube/generic-apiserver";
import type { APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import type { BackendResponse } from "../proxy/backend-client.js";

/** A GET to the server of an APIService (through its proxy's transport). */
export type BackendFetch = (path: string, accept: string) => Promise<BackendResponse>;

interface Entry {
  group: string;
  discovery: APIVersionDiscovery;
}

export class RemoteDiscovery implements DiscoveryGroupProvider {
  /** By APIService name. */
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private groups: DiscoveryGroup[] | undefined;

  discoveryGroups(): readonly DiscoveryGroup[] {
    if (this.groups === undefined) {
      const byGroup = new Map<string, DiscoveryGroup>();
      for (const { group, discovery } of this.entries.values()) {
        let g = byGroup.get(group);
        if (g === undefined) byGroup.set(group, (g = { name: group, versions: [] }));
        g.versions.push(discovery);
      }
      this.groups = [...byGroup.values()];
    }
    return this.groups;
  }

  onChange(listener: () => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fetches the APIService's group/version from its server; on failure publishes it as Stale. */
  async refresh(apiService: APIService, fetch: BackendFetch): Promise<void> {
    const group = apiService.spec?.group ?? "";
    const version = apiService.spec?.version ?? "";
    let found: APIVersionDiscovery | undefined;
    try {
      found = await fetchVersion(group, version, fetch);
    } catch {
      found = undefined;
    }
    this.set(apiService.metadata.name ?? "", group, found ?? this.stale(apiService.metadata.name ?? "", version));
  }

  /** The server cannot be reached (the APIService is not available): keep the version, as Stale. */
  markStale(apiService: APIService): void {
    const name = apiService.metadata.name ?? "";
    this.set(name, apiService.spec?.group ?? "", this.stale(name, apiService.spec?.version ?? ""));
  }

  remove(name: string): void {
    if (this.entries.delete(name)) this.changed();
  }

  private stale(name: string, version: string): APIVersionDiscovery {
    const last = this.entries.get(name)?.discovery;
    return { version, resources: last?.version === version ? last.resources : [], freshness: "Stale" };
  }

  private set(name: string, group: string, discovery: APIVersionDiscovery): void {
    const old = this.entries.get(name);
    if (old !== undefined && old.group === group && JSON.stringify(old.discovery) === JSON.stringify(discovery)) return;
    this.entries.set(name, { group, discovery });
    this.changed();
  }

  private changed(): void {
    this.groups = undefined;
    for (const listener of [...this.listeners]) listener();
  }
}

/** The group/version's discovery from the server: aggregated if it answers that, else legacy. */
async function fetchVersion(group: string, version: string, fetch: BackendFetch): Promise<APIVersionDiscovery> {
  const aggregated = await fetch("/apis", DISCOVERY_ACCEPT);
  const contentType = String(aggregated.headers["content-type"] ?? "");
  if (aggregated.status === 200 && /;\s*as=APIGroupDiscoveryList/.test(contentType)) {
    const list = JSON.parse(aggregated.body.toString("utf8")) as APIGroupDiscoveryList;
    const found = list.items?.find((g) => (g.metadata.name ?? "") === group)?.versions?.find((v) => v.version === version);
    if (found !== undefined) return { version, resources: found.resources ?? [], freshness: "Current" };
  }
  const legacy = await fetch(`/apis/${group}/${version}`, "application/json");
  if (legacy.status !== 200) throw new Error(`bad status from /apis/${group}/${version}: ${legacy.status}`);
  return versionDiscoveryOf(JSON.parse(legacy.body.toString("utf8")) as APIResourceList, version);
}

/** A legacy APIResourceList in the aggregated form: `pods/status` entries become subresources of `pods`. */
export function versionDiscoveryOf(list: APIResourceList, version: string): APIVersionDiscovery {
  const resources = new Map<string, APIResourceDiscovery>();
  const kindOf = (r: APIResourceList["resources"][number]) => ({ group: r.group ?? "", version: r.version ?? "", kind: r.kind });
  for (const r of list.resources ?? []) {
    if (r.name.includes("/")) continue;
    resources.set(r.name, {
      resource: r.name,
      responseKind: kindOf(r),
      scope: r.namespaced ? "Namespaced" : "Cluster",
      singularResource: r.singularName,
      verbs: [...r.verbs],
      ...(r.shortNames?.length ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories?.length ? { categories: [...r.categories] } : {}),
    });
  }
  for (const r of list.resources ?? []) {
    const [parent, subresource] = r.name.split("/", 2);
    const owner = subresource === undefined ? undefined : resources.get(parent ?? "");
    if (owner === undefined || subresource === undefined) continue;
    (owner.subresources ??= []).push({ subresource, responseKind: kindOf(r), verbs: [...r.verbs] });
  }
  return { version, resources: [...resources.values()], freshness: "Current" };
}
