// An informer (upstream: client-go's shared informer, much reduced): keeps a
// local copy of every object of one collection and tells handlers what
// changed. It lists, then watches from the list's resourceVersion; when the
// watch ends it watches again from the last version seen, and when that
// version has been compacted away (410 Expired) it lists again and reports
// the differences. Errors are logged and retried; it runs until `signal` aborts.
//
// It lists and watches through a RESTClient (a path on the server), or
// through any ListerWatcher (upstream's cache.ListerWatcher), e.g. one over
// a Storage, for a server that reads another server's resources in process.
//
//   const namespaces = new Informer<Namespace>(client, "/api/v1/namespaces");
//   namespaces.addHandlers({ added: (ns) => queue.add(ns.metadata.name!) });
//   void namespaces.run(signal);
//   await namespaces.waitForSync(signal);

import type { KubeObject } from "@tskube/apimachinery";
import type { Logger } from "../server/logger.js";
import { type Query, RESTClient, type WatchEvent } from "./rest-client.js";
import { sleep } from "./sleep.js";

export interface InformerHandlers<T extends KubeObject> {
  added?(obj: T): void;
  /** Also called with the same object twice on every resync. */
  updated?(old: T, obj: T): void;
  deleted?(obj: T): void;
}

export interface InformerOptions {
  /** labelSelector, fieldSelector (with a RESTClient). */
  query?: Query;
  /** Report every object as updated this often, so controllers can repair what they missed. Default: never. */
  resyncMs?: number;
  logger?: Logger;
  /** How long each watch request may last before it is renewed. Default 300 s. */
  watchTimeoutSeconds?: number;
}

/** `namespace/name`, or `name` for cluster-scoped objects: how objects are keyed. */
export function objectKey(obj: KubeObject): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name ?? ""}` : (name ?? "");
}

/** Where an informer's objects come from (upstream: cache.ListerWatcher). */
export interface ListerWatcher<T extends KubeObject> {
  list(): Promise<{ items: T[]; resourceVersion: string }>;
  /** The events after `resourceVersion`; the stream ends when the source ends it or `signal` aborts. */
  watch(resourceVersion: string, signal: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>>;
}

/** Thrown inside the watch loop when the server says the version is gone: list again. */
class RelistNeeded extends Error {}

export class Informer<T extends KubeObject> {
  private readonly source: ListerWatcher<T>;
  private readonly objects = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];

  constructor(
    source: RESTClient | ListerWatcher<T>,
    /** The collection: `/api/v1/namespaces`, `/api/v1/configmaps` (every namespace); with a ListerWatcher, a name for logs. */
    private readonly path: string,
    private readonly options: InformerOptions = {},
  ) {
    this.source = source instanceof RESTClient ? this.restListerWatcher(source) : source;
  }

  /** Lists and watches `path` with the client (options.query applies to both). */
  private restListerWatcher(client: RESTClient): ListerWatcher<T> {
    return {
      list: async () => {
        const list = await client.list<T>(this.path, this.options.query);
        return { items: list.items, resourceVersion: list.metadata.resourceVersion ?? "" };
      },
      watch: (resourceVersion, signal) =>
        client.watch<T>(
          this.path,
          { ...this.options.query, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: this.options.watchTimeoutSeconds ?? 300 },
          signal,
        ),
    };
  }

  addHandlers(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  /** The object with this key (see objectKey), as last seen. */
  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true after the first list, false if `signal` aborts first. */
  waitForSync(signal: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal.addEventListener("abort", onAbort, { once: true });
      this.syncWaiters.push(() => {
        signal.removeEventListener("abort", onAbort);
        resolve(true);
      });
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    const resync = this.options.resyncMs ? setInterval(() => this.resync(), this.options.resyncMs) : undefined;
    let failures = 0;
    try {
      while (!signal.aborted) {
        try {
          const resourceVersion = await this.relist();
          failures = 0;
          await this.watchFrom(resourceVersion, signal);
        } catch (err) {
          if (signal.aborted) return;
          if (!(err instanceof RelistNeeded)) {
            failures++;
            this.options.logger?.error(`informer ${this.path}: list or watch failed; retrying`, err);
            await sleep(Math.min(100 * 2 ** (failures - 1), 5_000), signal);
          }
        }
      }
    } finally {
      if (resync) clearInterval(resync);
    }
  }

  /** Lists everything and reports the differences with what was known; returns the list's resourceVersion. */
  private async relist(): Promise<string> {
    const list = await this.source.list();
    const seen = new Set<string>();
    for (const obj of list.items) {
      const key = objectKey(obj);
      seen.add(key);
      this.upsert(key, obj);
    }
    for (const [key, obj] of this.objects) {
      if (!seen.has(key)) {
        this.objects.delete(key);
        this.notify((h) => h.deleted?.(obj));
      }
    }
    if (!this.synced) {
      this.synced = true;
      for (const wake of this.syncWaiters.splice(0)) wake();
    }
    return list.resourceVersion;
  }

  /** Watches from `resourceVersion`, renewing the watch whenever it ends, until a 410 or an error. */
  private async watchFrom(resourceVersion: string, signal: AbortSignal): Promise<void> {
    let rv = resourceVersion;
    while (!signal.aborted) {
      const stream = await this.source.watch(rv, signal);
      for await (const event of stream) {
        if (event.type === "ERROR") {
          if (event.object.code === 410) throw new RelistNeeded();
          throw new Error(`watch error: ${event.object.message ?? event.object.code}`);
        }
        rv = event.object.metadata.resourceVersion ?? rv;
        if (event.type === "BOOKMARK") continue;
        const key = objectKey(event.object);
        if (event.type === "DELETED") {
          const old = this.objects.get(key);
          this.objects.delete(key);
          this.notify((h) => h.deleted?.(old ?? event.object));
        } else {
          this.upsert(key, event.object);
        }
      }
    }
  }

  private upsert(key: string, obj: T): void {
    const old = this.objects.get(key);
    this.objects.set(key, obj);
    if (old === undefined) this.notify((h) => h.added?.(obj));
    else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.notify((h) => h.updated?.(old, obj));
  }

  private resync(): void {
    for (const obj of this.objects.values()) this.notify((h) => h.updated?.(obj, obj));
  }

  /** Handlers only queue work; one that throws is logged and does not stop the others. */
  private notify(call: (handlers: InformerHandlers<T>) => void): void {
    for (const handlers of this.handlers) {
      try {
        call(handlers);
      } catch (err) {
        this.options.logger?.error(`informer ${this.path}: a handler failed`, err);
      }
    }
  }
}
