// A local copy of one resource, kept from storage (the same watch cache the
// kube-apiserver serves it from), with handlers told what changed. The
// aggregator's controllers read APIServices, Services, EndpointSlices and
// Endpoints this way: in process, without HTTP, and without importing the
// server that serves them. (Upstream's controllers use client-go informers;
// `Informer` in generic-apiserver is that, over the loopback client.)
//
// It lists, then watches from the list's resourceVersion; a watch that ends
// is resumed from the last version seen; one whose version was compacted
// away (410) lists again and reports the differences. It runs until `signal`
// aborts.

import { type KubeObject, StatusError, isStatusError } from "@tskube/apimachinery";
import { type Logger, objectKey, sleep } from "@tskube/generic-apiserver";
import type { Storage } from "@tskube/storage";

export interface StorageInformerHandlers<T extends KubeObject> {
  added?(obj: T): void;
  updated?(old: T, obj: T): void;
  deleted?(obj: T): void;
}

export class StorageInformer<T extends KubeObject> {
  private readonly objects = new Map<string, T>();
  private readonly handlers: StorageInformerHandlers<T>[] = [];
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];

  constructor(
    private readonly storage: Storage<T>,
    /** The resource's key prefix, e.g. `/services`. */
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {}

  addHandlers(handlers: StorageInformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  /** By `namespace/name` (or `name` for cluster-scoped objects). */
  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once the first list is in, false if `signal` aborts first. */
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
    let resourceVersion: string | undefined;
    for (let delayMs = 100; !signal.aborted; ) {
      try {
        resourceVersion ??= await this.relist();
        resourceVersion = await this.watchFrom(resourceVersion, signal);
        delayMs = 100;
      } catch (err) {
        if (signal.aborted) return;
        if (isStatusError(err) && err.status.code === 410) {
          resourceVersion = undefined; // compacted away: list again
          continue;
        }
        this.logger?.error(`watching ${this.prefix} failed; retrying`, err);
        await sleep(delayMs, signal);
        delayMs = Math.min(delayMs * 2, 5_000);
      }
    }
  }

  /** Lists everything and reports what changed since the copy was last up to date. Returns the list's resourceVersion. */
  private async relist(): Promise<string> {
    const list = await this.storage.getList(this.prefix, { resourceVersion: "0", recursive: true });
    const seen = new Set<string>();
    for (const obj of list.items) {
      const key = objectKey(obj);
      seen.add(key);
      this.apply(key, obj);
    }
    for (const [key, obj] of this.objects) {
      if (!seen.has(key)) {
        this.objects.delete(key);
        for (const h of this.handlers) h.deleted?.(obj);
      }
    }
    if (!this.synced) {
      this.synced = true;
      for (const resolve of this.syncWaiters.splice(0)) resolve();
    }
    return list.resourceVersion;
  }

  /** Watches until the watch ends; returns the last resourceVersion seen. Throws the Status of an ERROR event. */
  private async watchFrom(resourceVersion: string, signal: AbortSignal): Promise<string> {
    const watch = await this.storage.watch(this.prefix, { resourceVersion, recursive: true });
    const stop = () => watch.stop();
    signal.addEventListener("abort", stop, { once: true });
    let last = resourceVersion;
    try {
      for await (const event of watch) {
        if (event.type === "ERROR") throw new StatusError(event.object);
        last = event.object.metadata.resourceVersion ?? last;
        if (event.type === "BOOKMARK") continue;
        const key = objectKey(event.object);
        if (event.type === "DELETED") {
          const old = this.objects.get(key);
          this.objects.delete(key);
          for (const h of this.handlers) h.deleted?.(old ?? event.object);
        } else {
          this.apply(key, event.object);
        }
      }
    } finally {
      signal.removeEventListener("abort", stop);
      watch.stop();
    }
    return last;
  }

  private apply(key: string, obj: T): void {
    const old = this.objects.get(key);
    this.objects.set(key, obj);
    if (old === undefined) for (const h of this.handlers) h.added?.(obj);
    else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) for (const h of this.handlers) h.updated?.(old, obj);
  }
}
