// The discovery manager: which API groups a server (and the servers it
// delegates to) serves, kept up to date as groups come and go: CRDs are
// added and removed at runtime, aggregated API servers appear and vanish.
//
// Groups reach it three ways: `addGroup` (installed here), `addGroupSource`
// (another in-process source such as a GenericAPIServer or a delegate's
// manager), `addDiscoveryProvider` (discovery information only, e.g. what an
// aggregator fetched from a remote server's /apis).
//
// Everything discovery and OpenAPI publish is computed from it and cached
// until the next change; listeners (the OpenAPI service, a manager that
// delegates to this one) are told when that happens.

import type { APIGroupInfo } from "../server/api-group.js";
import { cachedBody, type CachedBody } from "./etag.js";
import { discoveryGroupOf } from "./from-group-info.js";
import type { APIVersionDiscovery, DiscoveryGroup } from "./types.js";

/** Stop listening. */
export type Unsubscribe = () => void;

/** Orders groups, and the versions within each (preferred first); returns new arrays. */
export type GroupOrder = (groups: readonly DiscoveryGroup[]) => DiscoveryGroup[];

/**
 * In-process groups with their full definitions (schemas too): a
 * GenericAPIServer's installed groups, or the manager of a server this one
 * delegates to.
 */
export interface APIGroupInfoSource {
  apiGroupInfos(): readonly APIGroupInfo[];
  onChange(listener: () => void): Unsubscribe;
}

/**
 * Groups known only by their discovery information, e.g. what an aggregator
 * fetched from another server's /apis. `onChange` must fire whenever
 * `discoveryGroups()` would return something new.
 */
export interface DiscoveryGroupProvider {
  discoveryGroups(): readonly DiscoveryGroup[];
  onChange(listener: () => void): Unsubscribe;
}

export class DiscoveryManager implements APIGroupInfoSource, DiscoveryGroupProvider {
  /** This server's own groups, in installation order. */
  readonly #local = new Map<string, APIGroupInfo>();
  readonly #sources: { source: APIGroupInfoSource; unsubscribe: Unsubscribe }[] = [];
  readonly #providers: { provider: DiscoveryGroupProvider; unsubscribe: Unsubscribe }[] = [];
  readonly #listeners = new Set<() => void>();
  #order: GroupOrder | undefined;
  /** Computed views, dropped on every change. */
  #cache: { infos?: APIGroupInfo[]; groups?: DiscoveryGroup[]; bodies: Map<string, CachedBody> } = { bodies: new Map() };

  /** Installs a group, or replaces the group of that name (e.g. a CRD gained a version). */
  addGroup(info: APIGroupInfo): void {
    this.#local.set(info.name, info);
    this.#changed();
  }

  /** Returns false if no such group was installed here. */
  removeGroup(name: string): boolean {
    const removed = this.#local.delete(name);
    if (removed) this.#changed();
    return removed;
  }

  /**
   * Also publish the groups of another in-process source, in discovery and
   * OpenAPI: the server's own GenericAPIServer, or the manager of a server
   * this one delegates to. Sources are listed after the groups added here,
   * in the order they were added; a group two of them serve is merged, the
   * versions of the first coming first.
   */
  addGroupSource(source: APIGroupInfoSource): Unsubscribe {
    const entry = { source, unsubscribe: source.onChange(() => this.#changed()) };
    this.#sources.push(entry);
    this.#changed();
    return () => this.#remove(this.#sources, entry);
  }

  /** Also publish groups known only through their discovery information (after all in-process groups). */
  addDiscoveryProvider(provider: DiscoveryGroupProvider): Unsubscribe {
    const entry = { provider, unsubscribe: provider.onChange(() => this.#changed()) };
    this.#providers.push(entry);
    this.#changed();
    return () => this.#remove(this.#providers, entry);
  }

  /**
   * Publish the groups, and the versions in each, in this order instead of
   * the order they were added in. The aggregator orders them by its
   * APIServices' priorities, as upstream's does (and calls this again when a
   * priority changes). `undefined` restores the default.
   */
  setOrder(order: GroupOrder | undefined): void {
    this.#order = order;
    this.#changed();
  }

  /** The groups added here, then those of each source (merged by name). */
  apiGroupInfos(): readonly APIGroupInfo[] {
    this.#cache.infos ??= mergeByName(
      [[...this.#local.values()], ...this.#sources.map((s) => s.source.apiGroupInfos())],
      (group) => group.name,
      (first, later) => ({ name: first.name, versions: mergeVersions(first.versions, later.versions) }),
    );
    return this.#cache.infos;
  }

  /**
   * Every group to publish: in-process ones first, then the providers', or
   * in the order `setOrder` gave. Groups without versions are left out.
   */
  discoveryGroups(): readonly DiscoveryGroup[] {
    if (this.#cache.groups === undefined) {
      const groups = mergeByName(
        [this.apiGroupInfos().map(discoveryGroupOf), ...this.#providers.map((p) => p.provider.discoveryGroups())],
        (group) => group.name,
        (first, later) => ({ name: first.name, versions: mergeVersions<APIVersionDiscovery>(first.versions, later.versions) }),
      ).filter((group) => group.versions.length > 0);
      this.#cache.groups = this.#order ? this.#order(groups) : groups;
    }
    return this.#cache.groups;
  }

  group(name: string): DiscoveryGroup | undefined {
    return this.discoveryGroups().find((g) => g.name === name);
  }

  /**
   * A document serialized once per change of the groups: `build` runs on the
   * first call after a change, later calls with the same key reuse its JSON and hash.
   */
  cached(key: string, build: () => unknown): CachedBody {
    let body = this.#cache.bodies.get(key);
    if (body === undefined) {
      body = cachedBody(build());
      this.#cache.bodies.set(key, body);
    }
    return body;
  }

  onChange(listener: () => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    this.#cache = { bodies: new Map() };
    for (const listener of [...this.#listeners]) listener();
  }

  #remove<E extends { unsubscribe: Unsubscribe }>(list: E[], entry: E): void {
    const index = list.indexOf(entry);
    if (index < 0) return;
    list.splice(index, 1);
    entry.unsubscribe();
    this.#changed();
  }
}

/** Concatenates lists of groups; a name seen again is merged into its first occurrence. */
function mergeByName<G>(lists: readonly (readonly G[])[], nameOf: (g: G) => string, merge: (first: G, later: G) => G): G[] {
  const merged = new Map<string, G>();
  for (const list of lists) {
    for (const group of list) {
      const name = nameOf(group);
      const seen = merged.get(name);
      merged.set(name, seen === undefined ? group : merge(seen, group));
    }
  }
  return [...merged.values()];
}

/** `first`'s versions, then those of `later` that `first` lacks. */
function mergeVersions<V extends { version: string }>(first: readonly V[], later: readonly V[]): V[] {
  const known = new Set(first.map((v) => v.version));
  return [...first, ...later.filter((v) => !known.has(v.version))];
}
