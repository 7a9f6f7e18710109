// The ring of recent events: what a watch that starts from a past
// resourceVersion is replayed from. Its span is the watch window: a watch
// from revision R can be served from memory when R >= `resumableFrom`
// (every change after R is here); older R get 410 Expired.
//
// The capacity adapts (see CacherOptions.history): it doubles while the ring
// is full of events younger than `minAgeMs`, so a busy resource still keeps
// that much history, up to `maxEvents`; it halves once even the newest quarter
// is older than that, so a quiet resource gives the memory back.

import type { CacheEvent } from "./cache-event.js";

export interface HistoryLimits {
  minEvents: number;
  maxEvents: number;
  minAgeMs: number;
}

type Recorded = Pick<CacheEvent<never>, "revision" | "recordedAt">;

export class EventHistory<E extends Recorded> {
  /** Events in revision order; the live ones are `events[head..]` (earlier slots are cleared). */
  private events: (E | undefined)[] = [];
  private head = 0;
  private capacityNow: number;
  private start: number;

  constructor(
    private readonly limits: HistoryLimits,
    /** The revision the history starts at (the initial list's revision). */
    startRevision: number,
  ) {
    this.capacityNow = limits.minEvents;
    this.start = startRevision;
  }

  get length(): number {
    return this.events.length - this.head;
  }

  get capacity(): number {
    return this.capacityNow;
  }

  /** The oldest revision a watch can resume from: every change after it is in the history. */
  get resumableFrom(): number {
    return this.start;
  }

  add(event: E, now: number): void {
    if (this.length >= this.capacityNow) this.resize(now);
    while (this.length >= this.capacityNow) this.dropOldest();
    this.events.push(event);
  }

  /** The events with a revision greater than `revision`, oldest first (a copy). */
  since(revision: number): E[] {
    let lo = this.head;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid] as E).revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo) as E[];
  }

  /** Forget every event up to and including `revision` (watches from before it then get 410). */
  forgetThrough(revision: number): void {
    while (this.length > 0 && (this.events[this.head] as E).revision <= revision) this.dropOldest();
    if (revision > this.start) this.start = revision;
  }

  /** Start over, empty, at `revision` (after a relist). */
  reset(revision: number): void {
    this.events = [];
    this.head = 0;
    this.capacityNow = this.limits.minEvents;
    this.start = revision;
  }

  private resize(now: number): void {
    const { minEvents, maxEvents, minAgeMs } = this.limits;
    const oldest = this.events[this.head] as E;
    if (now - oldest.recordedAt < minAgeMs) {
      this.capacityNow = Math.min(this.capacityNow * 2, maxEvents);
      return;
    }
    const newestQuarter = this.events[this.events.length - Math.ceil(this.capacityNow / 4)] as E;
    if (now - newestQuarter.recordedAt > minAgeMs) {
      this.capacityNow = Math.max(Math.floor(this.capacityNow / 2), minEvents);
    }
  }

  private dropOldest(): void {
    const oldest = this.events[this.head] as E;
    this.start = oldest.revision;
    this.events[this.head] = undefined; // let the event (and the object versions it holds) go
    this.head++;
    // Reclaim the cleared slots now and then: amortized O(1) per event.
    if (this.head * 2 >= this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }
}
