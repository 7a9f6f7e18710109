// Where a list or watch looks, worked out from its key. Keys follow the layout
// `<resourcePrefix>/<namespace>/<name>` for namespaced resources and
// `<resourcePrefix>/<name>` for cluster-scoped ones, so a prefix with exactly
// one segment after the resource names a namespace, and the cacher can answer
// it from the namespace index instead of looking at every object.

import { scopeKeyPrefix } from "../store/predicate.js";

export type KeyScope =
  /** Everything of the resource. */
  | { kind: "all"; prefix: string }
  /** One namespace: `<resourcePrefix>/<namespace>/`. */
  | { kind: "namespace"; prefix: string; namespace: string }
  /** Any other key prefix (rare): a range of the sorted keys. */
  | { kind: "prefix"; prefix: string }
  /** One key (a non-recursive list or watch). */
  | { kind: "key"; key: string; namespace: string };

export class ResourceKeys {
  /** `/pods/`: every key of the resource starts with it. */
  readonly root: string;

  constructor(readonly resourcePrefix: string) {
    this.root = `${resourcePrefix}/`;
  }

  contains(key: string): boolean {
    return key.startsWith(this.root);
  }

  /** The namespace segment of a key; "" for a cluster-scoped key like `/nodes/n1`. */
  namespaceOf(key: string): string {
    const rest = key.slice(this.root.length);
    const slash = rest.indexOf("/");
    return slash < 0 ? "" : rest.slice(0, slash);
  }

  /** The scope of a list or watch of `keyPrefix` (normalized as the store does). */
  scopeOf(keyPrefix: string, recursive: boolean): KeyScope {
    if (!recursive) {
      if (!this.contains(keyPrefix)) throw this.outside(keyPrefix);
      return { kind: "key", key: keyPrefix, namespace: this.namespaceOf(keyPrefix) };
    }
    const prefix = scopeKeyPrefix(keyPrefix, true);
    if (prefix === this.root) return { kind: "all", prefix };
    if (!this.contains(prefix)) throw this.outside(keyPrefix);
    const rest = prefix.slice(this.root.length, -1);
    if (!rest.includes("/")) return { kind: "namespace", prefix, namespace: rest };
    return { kind: "prefix", prefix };
  }

  private outside(key: string): Error {
    const resource = JSON.stringify(this.resourcePrefix);
    return new Error(`key ${JSON.stringify(key)} is not under this cacher's resource ${resource}`);
  }
}

/** True when `key` is in `scope`. */
export function scopeContains(scope: KeyScope, key: string): boolean {
  return scope.kind === "key" ? key === scope.key : key.startsWith(scope.prefix);
}
