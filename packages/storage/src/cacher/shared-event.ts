// Encode once, send to many: the cacher hands the *same* event object to every
// watcher that should receive it, and the event remembers its serialized bytes
// per format. The first watcher's HTTP handler pays for JSON.stringify; the
// other 999 reuse the bytes.
//
// The event is an ordinary WatchEvent (`type` and `object` are plain fields and
// JSON.stringify(event) gives `{"type":...,"object":...}`); the memo lives in a
// private field, so it never shows up in the output.

import type { KubeObject } from "@tskube/apimachinery";
import type { WatchEvent } from "../interfaces.js";

export type SharedEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK";

/** Turns an event into the bytes of one format (e.g. a JSON line). Must give the same bytes for the same event. */
export type WatchEventEncoder<T extends KubeObject> = (event: WatchEvent<T>) => Uint8Array;

export class SharedWatchEvent<T extends KubeObject = KubeObject> {
  #encodings: Map<string, Uint8Array> | undefined;

  constructor(
    readonly type: SharedEventType,
    /** Shared with the cache and other watchers: never modify it. */
    readonly object: T,
  ) {}

  /** The event in `format`, made by `encode` the first time and remembered for every later caller. */
  encode(format: string, encode: WatchEventEncoder<T>): Uint8Array {
    this.#encodings ??= new Map();
    let bytes = this.#encodings.get(format);
    if (bytes === undefined) {
      bytes = encode(this);
      this.#encodings.set(format, bytes);
    }
    return bytes;
  }
}

/**
 * The bytes of any watch event in `format`: memoized when the event came from
 * the cacher, encoded directly otherwise (store watches, ERROR events). This
 * is what the HTTP watch handler should call.
 */
export function encodeWatchEvent<T extends KubeObject>(
  event: WatchEvent<T>,
  format: string,
  encode: WatchEventEncoder<T>,
): Uint8Array {
  return event instanceof SharedWatchEvent ? (event as SharedWatchEvent<T>).encode(format, encode) : encode(event);
}

const encoder = new TextEncoder();

/** The watch wire format: one JSON object per line. */
export function encodeWatchEventJSONLine<T extends KubeObject>(event: WatchEvent<T>): Uint8Array {
  return encoder.encode(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
}
