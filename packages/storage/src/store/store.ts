// The object store: API objects over a kv driver (upstream: storage/etcd3/store.go).
//
// - Keys: `<pathPrefix><key>`, e.g. `/registry` + `/pods/default/web-1`.
// - Values: JSON without resourceVersion; the key's modRevision is the resourceVersion.
// - Writes are single conditional transactions: create succeeds only if the key is
//   absent; update and delete only if the key's modRevision is still the one we read.
//   Losing the race is not an error: guaranteedUpdate re-reads and retries.

import type { KubeObject } from "@tskube/apimachinery";
import { StorageError } from "../errors.js";
import type {
  DeleteOptions,
  GetOptions,
  GuaranteedUpdateOptions,
  ListOptions,
  ListResult,
  Preconditions,
  Storage,
  Watch,
  WatchOptions,
} from "../interfaces.js";
import { type KeyValue, type KvDriver, prefixEnd } from "../kv/types.js";
import { decodeObject, encodeObject, sameBytes } from "./codec.js";
import { kvCall } from "./kv-errors.js";
import { listObjects } from "./list.js";
import { parseResourceVersion, tooLargeResourceVersionMessage } from "./resource-version.js";
import { watchObjects } from "./watch.js";

export interface StoreOptions {
  kv: KvDriver;
  /** Prefix of every key in the kv store (`--etcd-prefix`); default `/registry`. */
  pathPrefix?: string;
}

/** What we know about a key's current value while updating or deleting it. */
interface KeyState<T> {
  obj: T | null;
  data: Uint8Array | null;
  /** modRevision of the value (0 = key absent). */
  rev: number;
}

export class Store<T extends KubeObject = KubeObject> implements Storage<T> {
  readonly kv: KvDriver;
  readonly pathPrefix: string;

  constructor(opts: StoreOptions) {
    this.kv = opts.kv;
    this.pathPrefix = (opts.pathPrefix ?? "/registry").replace(/\/+$/, "");
  }

  /** The kv key for an API key. */
  fullKey(key: string): string {
    if (!key.startsWith("/")) throw new Error(`storage keys start with "/": ${key}`);
    return this.pathPrefix + key;
  }

  async currentResourceVersion(): Promise<number> {
    return kvCall("", () => this.kv.currentRevision());
  }

  async create(key: string, obj: T, opts: { ttlSeconds?: number } = {}): Promise<T> {
    const full = this.fullKey(key);
    if (obj.metadata?.resourceVersion) {
      throw new StorageError("InvalidObject", full, "resourceVersion should not be set on objects to be created");
    }
    const data = encodeObject(obj);
    const res = await kvCall(full, () =>
      this.kv.create(full, data, opts.ttlSeconds ? { ttlSeconds: opts.ttlSeconds } : {}),
    );
    if (!res.succeeded) throw new StorageError("KeyExists", full, `key ${full} already exists`);
    return decodeObject<T>(full, data, res.kv.modRevision);
  }

  get(key: string, opts?: GetOptions & { ignoreNotFound?: false }): Promise<T>;
  get(key: string, opts: GetOptions & { ignoreNotFound: true }): Promise<T | null>;
  get(key: string, opts?: GetOptions): Promise<T | null>;
  async get(key: string, opts: GetOptions = {}): Promise<T | null> {
    const full = this.fullKey(key);
    const minimum = parseResourceVersion(opts.resourceVersion);
    const { kv, revision } = await kvCall(full, () => this.kv.get(full));
    // "0" and "" read the latest; "N" must not be newer than what the store has.
    if (minimum > revision) {
      throw new StorageError("ResourceVersionTooLarge", full, tooLargeResourceVersionMessage(minimum, revision));
    }
    if (!kv) {
      if (opts.ignoreNotFound) return null;
      throw new StorageError("KeyNotFound", full, `key ${full} not found`);
    }
    return decodeObject<T>(full, kv.value, kv.modRevision);
  }

  async getList(keyPrefix: string, opts: ListOptions<T> = {}): Promise<ListResult<T>> {
    return listObjects<T>(this.kv, this.fullKey(keyPrefix), opts);
  }

  async watch(keyPrefix: string, opts: WatchOptions<T> = {}): Promise<Watch<T>> {
    return watchObjects<T>(this.kv, this.fullKey(keyPrefix), opts);
  }

  async count(keyPrefix: string): Promise<number> {
    const start = this.fullKey(keyPrefix);
    return kvCall(start, () => this.kv.count(start, prefixEnd(start)));
  }

  async guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions<T>): Promise<T> {
    const full = this.fullKey(key);
    // Start from the cached copy when given (no read on the happy path); it may be stale,
    // in which case the compare fails and we continue from the current value.
    let state: KeyState<T> = opts.cachedExisting ? this.stateOf(opts.cachedExisting) : await this.readState(full);
    let stateIsCurrent = !opts.cachedExisting;

    for (;;) {
      if (!state.obj && !opts.ignoreNotFound) {
        if (!stateIsCurrent) {
          state = await this.readState(full);
          stateIsCurrent = true;
          continue;
        }
        throw new StorageError("KeyNotFound", full, `key ${full} not found`);
      }

      let updated: T;
      try {
        if (state.obj) checkPreconditions(full, opts.preconditions, state.obj);
        updated = await opts.tryUpdate(state.obj ? structuredClone(state.obj) : null);
      } catch (err) {
        // A stale cached copy may be why the precondition or update failed: retry on fresh data.
        if (!stateIsCurrent) {
          state = await this.readState(full);
          stateIsCurrent = true;
          continue;
        }
        throw err;
      }

      const data = encodeObject(updated);
      if (state.data && sameBytes(data, state.data)) {
        // Nothing changed: no write. Only trust this if our copy is current.
        if (stateIsCurrent) return state.obj as T;
        state = await this.readState(full);
        stateIsCurrent = true;
        continue;
      }

      const writeOpts = opts.ttlSeconds ? { ttlSeconds: opts.ttlSeconds } : {};
      const res = await kvCall(full, () =>
        state.rev === 0 ? this.kv.create(full, data, writeOpts) : this.kv.update(full, data, state.rev, writeOpts),
      );
      if (res.succeeded) return decodeObject<T>(full, data, res.kv.modRevision);
      // Someone else wrote first: continue from the value that beat us.
      state = this.stateFromKv(full, res.kv);
      stateIsCurrent = true;
    }
  }

  async delete(key: string, opts: DeleteOptions<T> = {}): Promise<T> {
    const full = this.fullKey(key);
    let state: KeyState<T> = opts.cachedExisting ? this.stateOf(opts.cachedExisting) : await this.readState(full);
    let stateIsCurrent = !opts.cachedExisting;

    for (;;) {
      if (!state.obj) {
        if (!stateIsCurrent) {
          state = await this.readState(full);
          stateIsCurrent = true;
          continue;
        }
        throw new StorageError("KeyNotFound", full, `key ${full} not found`);
      }
      try {
        checkPreconditions(full, opts.preconditions, state.obj);
        await opts.validateDeletion?.(state.obj);
      } catch (err) {
        if (!stateIsCurrent) {
          state = await this.readState(full);
          stateIsCurrent = true;
          continue;
        }
        throw err;
      }

      const res = await kvCall(full, () => this.kv.delete(full, state.rev));
      if (res.succeeded) return state.obj;
      state = this.stateFromKv(full, res.kv);
      stateIsCurrent = true;
    }
  }

  private async readState(full: string): Promise<KeyState<T>> {
    const { kv } = await kvCall(full, () => this.kv.get(full));
    return this.stateFromKv(full, kv);
  }

  private stateFromKv(full: string, kv: KeyValue | null): KeyState<T> {
    if (!kv) return { obj: null, data: null, rev: 0 };
    return { obj: decodeObject<T>(full, kv.value, kv.modRevision), data: kv.value, rev: kv.modRevision };
  }

  private stateOf(obj: T): KeyState<T> {
    return { obj, data: encodeObject(obj), rev: parseResourceVersion(obj.metadata?.resourceVersion) };
  }
}

/** uid and resourceVersion preconditions; a mismatch is a Conflict (409) with upstream's message. */
function checkPreconditions(key: string, pre: Preconditions | undefined, obj: KubeObject): void {
  if (!pre) return;
  if (pre.uid !== undefined && pre.uid !== obj.metadata.uid) {
    throw new StorageError(
      "Conflict",
      key,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ""}`,
    );
  }
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw new StorageError(
      "Conflict",
      key,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${obj.metadata.resourceVersion ?? ""}`,
    );
  }
}
