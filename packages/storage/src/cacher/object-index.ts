// The cache's current state: every object of the resource by key, plus the
// keys in sorted order, overall and per namespace (the namespace index), so a
// list of one namespace reads only that namespace's objects, in key order.

import type { KubeObject } from "@tskube/apimachinery";
import { prefixEnd } from "../kv/types.js";
import { type KeyScope, type ResourceKeys } from "./key-scope.js";
import { SortedKeys } from "./sorted-keys.js";

/** A run of sorted keys: `keys.at(i)` for `from <= i < to`. Valid until the index changes. */
export interface KeyRun {
  keys: SortedKeys;
  from: number;
  to: number;
}

export class ObjectIndex<T extends KubeObject> {
  private objects = new Map<string, T>();
  private allKeys = new SortedKeys();
  private byNamespace = new Map<string, SortedKeys>();

  constructor(private readonly resourceKeys: ResourceKeys) {}

  get size(): number {
    return this.objects.size;
  }

  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  /** Store `obj` at `key`; returns what was there. */
  set(key: string, obj: T): T | undefined {
    const previous = this.objects.get(key);
    this.objects.set(key, obj);
    if (previous === undefined) {
      this.allKeys.insert(key);
      const ns = this.resourceKeys.namespaceOf(key);
      if (ns !== "") {
        let keys = this.byNamespace.get(ns);
        if (!keys) this.byNamespace.set(ns, (keys = new SortedKeys()));
        keys.insert(key);
      }
    }
    return previous;
  }

  /** Remove `key`; returns what was there. */
  delete(key: string): T | undefined {
    const previous = this.objects.get(key);
    if (previous === undefined) return undefined;
    this.objects.delete(key);
    this.allKeys.remove(key);
    const ns = this.resourceKeys.namespaceOf(key);
    const keys = this.byNamespace.get(ns);
    if (keys) {
      keys.remove(key);
      if (keys.size === 0) this.byNamespace.delete(ns);
    }
    return previous;
  }

  clear(): void {
    this.objects = new Map();
    this.allKeys = new SortedKeys();
    this.byNamespace = new Map();
  }

  /** The keys in `scope` that are >= `startKey`, in order. */
  keysIn(scope: KeyScope, startKey = ""): KeyRun {
    switch (scope.kind) {
      case "all":
        return { keys: this.allKeys, ...this.allKeys.range(startKey, "") };
      case "namespace": {
        const keys = this.byNamespace.get(scope.namespace) ?? EMPTY;
        return { keys, ...keys.range(startKey, "") };
      }
      case "prefix": {
        const start = startKey > scope.prefix ? startKey : scope.prefix;
        return { keys: this.allKeys, ...this.allKeys.range(start, prefixEnd(scope.prefix)) };
      }
      case "key": {
        const found = this.objects.has(scope.key) && scope.key >= startKey;
        const at = found ? this.allKeys.lowerBound(scope.key) : 0;
        return { keys: this.allKeys, from: at, to: found ? at + 1 : at };
      }
    }
  }
}

const EMPTY = new SortedKeys();
