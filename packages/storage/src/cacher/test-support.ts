// Helpers for this folder's tests: a Store on a throwaway embedded kv store,
// and a kv driver wrapper whose watches a test can break.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KubeObject } from "@tskube/apimachinery";
import { openEmbeddedDriver } from "../kv/embedded/index.js";
import { UnavailableError } from "../kv/errors.js";
import type { KvDriver, KvWatch, KvWatchCallbacks } from "../kv/types.js";
import { Store } from "../store/store.js";

export interface TestStore<T extends KubeObject> {
  kv: BreakableKv;
  store: Store<T>;
  close(): Promise<void>;
}

/** A Store on a fresh embedded kv store in a temporary directory. */
export function openTestStore<T extends KubeObject>(): TestStore<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cacher-test-"));
  const driver = openEmbeddedDriver({ dataDir: dir });
  const kv = new BreakableKv(driver);
  return {
    kv,
    store: new Store<T>({ kv }),
    close: async () => {
      await driver.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A kv driver that passes everything through, but lets a test break every
 * running watch (as a lost connection does), and hide progress requests.
 */
export class BreakableKv implements KvDriver {
  private readonly watches = new Set<{ inner: KvWatch; callbacks: KvWatchCallbacks }>();
  /** Watches started so far (a re-watch after a break counts). */
  watchCount = 0;
  /**
   * Progress requests on watches: "driver" passes the wrapped driver's through
   * (if it has them), "none" hides them, "emulated" answers them here. The
   * emulation is exact for the embedded driver only: it publishes a commit's
   * events synchronously and delivers them in a microtask, so once
   * currentRevision() has answered R and a macrotask has passed, every event up
   * to R has been delivered.
   */
  progressRequests: "driver" | "emulated" | "none" = "driver";
  /** Calls of range() and get(), to tell what was served from memory. */
  rangeCalls = 0;
  getCalls = 0;

  constructor(readonly inner: KvDriver) {}

  /** End every running watch with `err` (default: UnavailableError). */
  breakWatches(err: Error = new UnavailableError("connection lost (test)")): void {
    for (const w of [...this.watches]) {
      this.watches.delete(w);
      w.inner.cancel();
      w.callbacks.onError(err);
    }
  }

  watch(prefix: string, fromRevision: number, callbacks: KvWatchCallbacks): KvWatch {
    this.watchCount++;
    const entry = { inner: null as unknown as KvWatch, callbacks };
    entry.inner = this.inner.watch(prefix, fromRevision, {
      onEvents: (events) => callbacks.onEvents(events),
      onProgress: (revision) => callbacks.onProgress?.(revision),
      onError: (err) => {
        if (this.watches.delete(entry)) callbacks.onError(err);
      },
    });
    this.watches.add(entry);
    const watch: KvWatch = {
      cancel: () => {
        this.watches.delete(entry);
        entry.inner.cancel();
      },
    };
    if (this.progressRequests === "driver" && entry.inner.requestProgress) {
      watch.requestProgress = () => entry.inner.requestProgress?.();
    } else if (this.progressRequests === "emulated") {
      watch.requestProgress = () => {
        void this.inner.currentRevision().then((revision) =>
          setImmediate(() => {
            if (this.watches.has(entry)) callbacks.onProgress?.(revision);
          }),
        );
      };
    }
    return watch;
  }

  currentRevision: KvDriver["currentRevision"] = () => this.inner.currentRevision();
  range: KvDriver["range"] = (start, end, opts) => {
    this.rangeCalls++;
    return this.inner.range(start, end, opts);
  };
  get: KvDriver["get"] = (key, opts) => {
    this.getCalls++;
    return this.inner.get(key, opts);
  };
  count: KvDriver["count"] = (start, end) => this.inner.count(start, end);
  create: KvDriver["create"] = (key, value, opts) => this.inner.create(key, value, opts);
  update: KvDriver["update"] = (key, value, rev, opts) => this.inner.update(key, value, rev, opts);
  delete: KvDriver["delete"] = (key, rev) => this.inner.delete(key, rev);
  compact: KvDriver["compact"] = (revision) => this.inner.compact(revision);
  compactedRevision: KvDriver["compactedRevision"] = () => this.inner.compactedRevision();
  close: KvDriver["close"] = () => this.inner.close();
}

/** Resolves when `check()` holds, polling every 5 ms; rejects after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
