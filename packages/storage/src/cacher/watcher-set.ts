// The cacher's watchers, indexed by namespace: a change in namespace "a" is
// offered to the watchers of namespace "a" and to the cluster-wide ones, never
// to the watchers of other namespaces (with 1,000 kubelets each watching their
// own pods, that is the difference between 1 and 1,000 checks per change).

import type { KubeObject } from "@tskube/apimachinery";
import type { CacheWatcher } from "./cache-watcher.js";

export class WatcherSet<T extends KubeObject> {
  private readonly clusterWide = new Set<CacheWatcher<T>>();
  private readonly byNamespace = new Map<string, Set<CacheWatcher<T>>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(watcher: CacheWatcher<T>): void {
    const set = this.setFor(watcher, true);
    if (set && !set.has(watcher)) {
      set.add(watcher);
      this.count++;
    }
  }

  remove(watcher: CacheWatcher<T>): void {
    const set = this.setFor(watcher, false);
    if (!set?.delete(watcher)) return;
    this.count--;
    const ns = namespaceOf(watcher);
    if (ns !== "" && set.size === 0) this.byNamespace.delete(ns);
  }

  /** Call `fn` for every watcher that may want a change of a key in `namespace` ("" = cluster-scoped key). */
  forEachInterested(namespace: string, fn: (watcher: CacheWatcher<T>) => void): void {
    if (namespace !== "") {
      const set = this.byNamespace.get(namespace);
      if (set) for (const watcher of set) fn(watcher);
    }
    for (const watcher of this.clusterWide) fn(watcher);
  }

  /** Every watcher (a copy, so callers may end watchers while iterating). */
  all(): CacheWatcher<T>[] {
    return [...this.clusterWide, ...[...this.byNamespace.values()].flatMap((set) => [...set])];
  }

  private setFor(watcher: CacheWatcher<T>, create: boolean): Set<CacheWatcher<T>> | undefined {
    const ns = namespaceOf(watcher);
    if (ns === "") return this.clusterWide;
    let set = this.byNamespace.get(ns);
    if (!set && create) this.byNamespace.set(ns, (set = new Set()));
    return set;
  }
}

/** The namespace a watcher is confined to, or "" for one that may see any key. */
function namespaceOf<T extends KubeObject>(watcher: CacheWatcher<T>): string {
  const scope = watcher.scope;
  return scope.kind === "namespace" || scope.kind === "key" ? scope.namespace : "";
}
