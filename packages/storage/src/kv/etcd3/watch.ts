// One kv watch on its own etcd watch stream, resumed across reconnects.
//
// The etcd3 client has a watcher that reconnects by itself, but it resumes
// from the revision in the last response header, which can be ahead of the
// events it has delivered (a catch-up batch's header carries the store's
// current revision), and it drops the compacted revision of a cancelled
// watch. So this file speaks the watch protocol directly:
//
// - it remembers `nextRevision`, one past the last event it delivered, and
//   every (re)connect asks etcd for events from exactly there: nothing is lost
//   or repeated across a reconnect (events below it are dropped as a guard);
// - etcd cancels a watch whose start revision was compacted away and says
//   up to where: that ends the watch with CompactedError;
// - while the stream is down it reconnects with a short backoff; if there is
//   no stream for longer than `reconnectTimeoutMs` (also for the very first
//   connect), it ends the watch with UnavailableError instead of waiting for
//   etcd forever. The caller watches again, or relists.

import type { IDuplexStream, IEvent, IWatchRequest, IWatchResponse } from "etcd3";
import { CompactedError, UnavailableError } from "../errors.js";
import { prefixEnd, type KvEvent, type KvWatch, type KvWatchCallbacks } from "../types.js";
import { int64, keyBytes, toKeyValue } from "./convert.js";

export type WatchStream = IDuplexStream<IWatchRequest, IWatchResponse>;

export interface EtcdWatchOptions {
  prefix: string;
  /** First revision to deliver; 0 = changes after the watch starts. */
  fromRevision: number;
  callbacks: KvWatchCallbacks;
  /** Open a new gRPC watch stream. */
  openStream(): Promise<WatchStream>;
  /** The store's current revision (to start a watch "from now"). */
  currentRevision(): Promise<number>;
  /** Longest time without a stream before the watch ends with UnavailableError. */
  reconnectTimeoutMs: number;
  /** Told the compacted revision etcd reported when it cancelled the watch. */
  onCompacted(revision: number): void;
  /** Called once when the watch ends (error or cancel), so the driver can forget it. */
  onEnded(): void;
}

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 1_000;

export class EtcdWatch implements KvWatch {
  /** The next revision to deliver: where a (re)connect resumes. 0 until known. */
  private nextRevision: number;
  private stream: WatchStream | null = null;
  private ended = false;
  private backoffMs = MIN_BACKOFF_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Armed while there is no established stream. */
  private giveUpTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: EtcdWatchOptions) {
    this.nextRevision = opts.fromRevision;
    this.armGiveUpTimer();
    // Connect on a later tick: no callback may run inside watch() itself.
    setImmediate(() => void this.connect());
  }

  cancel(): void {
    this.end();
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.ended) return;
    let stream: WatchStream;
    try {
      // "From now" is made explicit first, so a reconnect knows where to resume.
      if (this.nextRevision === 0) this.nextRevision = (await this.opts.currentRevision()) + 1;
      stream = await this.opts.openStream();
    } catch {
      this.retryLater();
      return;
    }
    if (this.ended) {
      closeStream(stream);
      return;
    }
    this.stream = stream;
    // Anything a stream we have given up on still reports is ignored.
    const isCurrent = (): boolean => this.stream === stream;
    stream.on("data", (res) => {
      if (isCurrent()) this.onResponse(res);
    });
    stream.on("error", () => {
      if (isCurrent()) this.onStreamLost(stream);
    });
    stream.on("end", () => {
      if (isCurrent()) this.onStreamLost(stream);
    });
    stream.write({
      create_request: {
        key: keyBytes(this.opts.prefix),
        range_end: keyBytes(prefixEnd(this.opts.prefix)),
        start_revision: this.nextRevision,
        prev_kv: true,
        progress_notify: true,
      },
    });
  }

  private onResponse(res: IWatchResponse): void {
    if (res.canceled) {
      const compacted = int64(res.compact_revision);
      if (compacted > 0) {
        this.opts.onCompacted(compacted);
        this.fail(new CompactedError(this.nextRevision, compacted));
      } else {
        this.fail(new UnavailableError(`etcd cancelled the watch of ${JSON.stringify(this.opts.prefix)}: ${res.cancel_reason || "no reason given"}`));
      }
      return;
    }
    if (res.created) {
      // Established: etcd sends everything from nextRevision on.
      clearTimeout(this.giveUpTimer);
      this.giveUpTimer = undefined;
      this.backoffMs = MIN_BACKOFF_MS;
      return;
    }
    if (res.events.length === 0) {
      // A progress notification: no events up to this revision remain. It is
      // passed on but does not move nextRevision: resuming from the last
      // event seen can only repeat etcd's work, never skip an event.
      this.opts.callbacks.onProgress?.(int64(res.header.revision));
      return;
    }
    const events = res.events.map(toKvEvent).filter((e) => e.kv.modRevision >= this.nextRevision);
    const last = events.at(-1);
    if (!last) return;
    this.nextRevision = last.kv.modRevision + 1;
    this.opts.callbacks.onEvents(events);
  }

  private onStreamLost(stream: WatchStream): void {
    this.stream = null;
    closeStream(stream);
    this.armGiveUpTimer();
    this.retryLater();
  }

  private retryLater(): void {
    if (this.ended) return;
    this.retryTimer = setTimeout(() => void this.connect(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }

  private armGiveUpTimer(): void {
    if (this.giveUpTimer !== undefined) return;
    const ms = this.opts.reconnectTimeoutMs;
    this.giveUpTimer = setTimeout(() => {
      this.fail(new UnavailableError(`watch of ${JSON.stringify(this.opts.prefix)}: no connection to etcd for ${ms} ms`));
    }, ms);
  }

  private fail(err: Error): void {
    if (this.ended) return;
    this.end();
    this.opts.callbacks.onError(err);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.giveUpTimer);
    if (this.stream) closeStream(this.stream);
    this.stream = null;
    this.opts.onEnded();
  }
}

function toKvEvent(ev: IEvent): KvEvent {
  // The client's types say "Delete"; on the wire the enum name is "DELETE".
  const type = ev.type.toLowerCase() === "delete" ? "delete" : "put";
  const event: KvEvent = { type, kv: toKeyValue(ev.kv) };
  // Absent for a create, and when the previous value was compacted away.
  if (ev.prev_kv) event.prevKv = toKeyValue(ev.prev_kv);
  return event;
}

/**
 * Close a watch stream we no longer want. Ending our half first matters: the
 * etcd3 client treats an error on a still-writable stream as a broken
 * connection and resets every connection to that endpoint, and cancelling
 * reports an error (CANCELLED).
 */
function closeStream(stream: WatchStream): void {
  stream.end();
  stream.cancel();
}
