// The reflector: the cacher's one upstream connection. It lists the resource
// from the kv store, then watches it from the list's revision and passes every
// change on, decoded. When the watch breaks it watches again from the last
// revision the cache has (nothing is lost or repeated); when that revision has
// been compacted away (410), it relists. Failures are retried with a doubling
// backoff.
//
// It reads the kv driver under the store (not Store.getList/watch) because the
// cache needs each object's key, and the driver's progress reports.

import type { KubeObject } from "@tskube/apimachinery";
import { CompactedError } from "../kv/errors.js";
import { type KeyValue, type KvDriver, type KvEvent, type KvWatch, prefixEnd } from "../kv/types.js";
import { decodeObject } from "../store/codec.js";
import { deepFreeze } from "./immutable.js";

/** Keys per kv page while listing (upstream pages its watch-cache lists by 10,000 too). */
const LIST_PAGE_SIZE = 10_000;

/** A change as the cache takes it: the object after it, or null when the key was deleted. */
export interface UpstreamChange<T> {
  key: string;
  revision: number;
  object: T | null;
}

/** What the reflector feeds. */
export interface ReflectorTarget<T> {
  /** The revision the cache has reached; a broken watch resumes after it. */
  readonly revision: number;
  /** The cache can no longer follow the store (its history was compacted): a relist follows. */
  invalidate(reason: string): void;
  /** The complete state at `revision`: the first list, or a relist. */
  replace(entries: [key: string, object: T][], revision: number): void;
  /** Changes, in revision order. */
  apply(changes: UpstreamChange<T>[]): void;
  /** Every change up to `revision` has been delivered. */
  progress(revision: number): void;
}

export interface ReflectorOptions {
  kv: KvDriver;
  /** The kv prefix of the resource, e.g. `/registry/pods/`. */
  kvPrefix: string;
  /** What to cut off a kv key to get the API key, e.g. `/registry`. */
  pathPrefix: string;
  backoff: { initialMs: number; maxMs: number };
  log: (message: string) => void;
}

type State = "listing" | "watching" | "waiting-to-retry" | "stopped";

export class Reflector<T extends KubeObject> {
  private state: State = "listing";
  private kvWatch: KvWatch | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private delayMs: number;

  constructor(
    private readonly opts: ReflectorOptions,
    private readonly target: ReflectorTarget<T>,
  ) {
    this.delayMs = opts.backoff.initialMs;
  }

  /** True while the upstream watch is running (changes are flowing into the cache). */
  get isWatching(): boolean {
    return this.state === "watching";
  }

  private get isStopped(): boolean {
    return this.state === "stopped";
  }

  start(): void {
    void this.list();
  }

  stop(): void {
    this.state = "stopped";
    clearTimeout(this.retryTimer);
    this.kvWatch?.cancel();
    this.kvWatch = null;
  }

  /** Ask the kv store to report its progress (see KvWatch.requestProgress); false when it cannot. */
  requestProgress(): boolean {
    if (!this.kvWatch?.requestProgress) return false;
    this.kvWatch.requestProgress();
    return true;
  }

  /** Whether the upstream watch can be asked for progress (so an idle resource's cache can confirm it is fresh). */
  get canRequestProgress(): boolean {
    return this.kvWatch?.requestProgress !== undefined;
  }

  private async list(): Promise<void> {
    this.state = "listing";
    let entries: [string, T][];
    let revision: number;
    try {
      ({ entries, revision } = await this.listAll());
    } catch (err) {
      this.retry(`listing ${this.opts.kvPrefix} failed: ${messageOf(err)}`, () => this.list());
      return;
    }
    if (this.isStopped) return; // stop() was called while listing
    this.target.replace(entries, revision);
    this.delayMs = this.opts.backoff.initialMs;
    this.watchFrom(revision + 1);
  }

  /** Every object under the prefix, from one snapshot (all pages read at the first page's revision). */
  private async listAll(): Promise<{ entries: [string, T][]; revision: number }> {
    const end = prefixEnd(this.opts.kvPrefix);
    const entries: [string, T][] = [];
    let start = this.opts.kvPrefix;
    let revision = 0;
    for (;;) {
      const page = await this.opts.kv.range(start, end, { revision, limit: LIST_PAGE_SIZE });
      revision = page.revision;
      for (const kv of page.kvs) entries.push([this.apiKey(kv.key), this.decode(kv)]);
      const last = page.kvs.at(-1);
      if (!page.more || !last) return { entries, revision };
      start = `${last.key}\0`;
    }
  }

  private watchFrom(fromRevision: number): void {
    if (this.isStopped) return;
    this.state = "watching";
    const watch: KvWatch = this.opts.kv.watch(this.opts.kvPrefix, fromRevision, {
      onEvents: (events) => {
        if (this.kvWatch !== watch) return;
        let changes: UpstreamChange<T>[];
        try {
          changes = events.map((e) => this.toChange(e));
        } catch (err) {
          // A value the store cannot decode: the cache cannot represent it. Relisting
          // meets the same value and fails the way the store does, until it is fixed.
          watch.cancel();
          this.kvWatch = null;
          this.target.invalidate(messageOf(err));
          this.retry(`watch of ${this.opts.kvPrefix}: ${messageOf(err)}`, () => this.list());
          return;
        }
        this.delayMs = this.opts.backoff.initialMs;
        this.target.apply(changes);
      },
      onProgress: (revision) => {
        if (this.kvWatch === watch) this.target.progress(revision);
      },
      onError: (err) => {
        if (this.kvWatch !== watch) return;
        this.kvWatch = null;
        if (err instanceof CompactedError) {
          // The changes we missed are gone: start over from a fresh list.
          this.target.invalidate("the upstream watch fell behind the compacted revision");
          this.retry(`watch of ${this.opts.kvPrefix}: ${err.message}; relisting`, () => this.list());
        } else {
          this.retry(`watch of ${this.opts.kvPrefix} ended: ${err.message}; watching again`, () =>
            this.watchFrom(this.target.revision + 1),
          );
        }
      },
    });
    this.kvWatch = watch;
  }

  private retry(why: string, again: () => void): void {
    if (this.isStopped) return;
    this.state = "waiting-to-retry";
    this.opts.log(`cacher: ${why} (retrying in ${this.delayMs} ms)`);
    this.retryTimer = setTimeout(again, this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, this.opts.backoff.maxMs);
  }

  private toChange(e: KvEvent): UpstreamChange<T> {
    const key = this.apiKey(e.kv.key);
    const revision = e.kv.modRevision;
    return { key, revision, object: e.type === "put" ? this.decode(e.kv) : null };
  }

  private decode(kv: KeyValue): T {
    return deepFreeze(decodeObject<T>(kv.key, kv.value, kv.modRevision));
  }

  private apiKey(kvKey: string): string {
    return kvKey.slice(this.opts.pathPrefix.length);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
