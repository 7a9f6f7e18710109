// Small helpers shared by this driver's tests.

import type { KvEvent, KvWatchCallbacks } from "../types.js";

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A unique key prefix per test, so tests on one etcd do not see each other's keys. */
let prefixes = 0;
export function testPrefix(name: string): string {
  return `/test/${name}-${++prefixes}/`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait until `check` returns true; fail after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Watch callbacks that record what they are told. */
export function recorder(): KvWatchCallbacks & { events: KvEvent[]; errors: Error[]; batches: number } {
  const r = {
    events: [] as KvEvent[],
    errors: [] as Error[],
    batches: 0,
    onEvents(events: KvEvent[]) {
      r.batches++;
      r.events.push(...events);
    },
    onError(err: Error) {
      r.errors.push(err);
    },
  };
  return r;
}
