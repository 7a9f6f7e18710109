// Serving a watch over HTTP (upstream: handlers/watch.go WatchServer).
//
// The response is 200 with `Transfer-Encoding: chunked`, then one JSON
// WatchEvent per line, each written (and so flushed) as it happens:
//
//   {"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod",...}}
//   {"type":"BOOKMARK","object":{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"12"}}}
//   {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","code":410,"reason":"Expired",...}}
//
// It ends when the storage watch ends (after an ERROR event, for instance),
// after `timeoutSeconds` (default: a random 30 to 60 minutes, so that clients
// do not all reconnect at once), or when the client goes away; the storage
// watch is stopped in every case.
//
// Events from the watch cache are shared by all its watchers and remember
// their encoding per format: a thousand watchers of the same resource cost
// one JSON.stringify per event, not a thousand.

import type { ServerResponse } from "node:http";
import { type KubeObject, isStatusError } from "@tskube/apimachinery";
import type { Watch, WatchEvent } from "@tskube/storage";
import type { TableColumn } from "../../registry/resource.js";
import type { RequestScope } from "../../registry/rest-storage.js";
import { type MediaTypeOptions, type TransformTarget, contentTypeOf } from "../negotiation.js";
import { groupVersionOf, withTypeMeta } from "./decode.js";
import type { TableOptions } from "./options.js";
import { setWarningHeaders, toStatusError } from "./response.js";
import { type EndpointRequest, storageScope } from "./scope.js";
import { asPartialObjectMetadata, asTable } from "./transform.js";

/** Upstream's default --min-request-timeout: watches last between one and two times this. */
export const MIN_REQUEST_TIMEOUT_SECONDS = 1800;

/** How long a watch lasts: `timeoutSeconds` if positive, else a random 30-60 minutes. */
export function watchTimeoutMs(timeoutSeconds: number | undefined, random: () => number = Math.random): number {
  if (timeoutSeconds !== undefined && timeoutSeconds > 0) return timeoutSeconds * 1000;
  return MIN_REQUEST_TIMEOUT_SECONDS * 1000 * (1 + random());
}

/** A watch event that can remember its encoding (the cacher's shared events). */
interface EncodingMemo {
  encode(format: string, encode: (event: WatchEvent<KubeObject>) => Uint8Array): Uint8Array;
}

function hasEncodingMemo(event: WatchEvent<KubeObject>): event is WatchEvent<KubeObject> & EncodingMemo {
  return typeof (event as Partial<EncodingMemo>).encode === "function";
}

const utf8 = new TextEncoder();

export interface WatchEncoderOptions {
  /** The apiVersion and kind of the watched objects. */
  apiVersion: string;
  kind: string;
  convert?: TransformTarget;
  table?: { columns: readonly TableColumn<KubeObject>[]; options: TableOptions };
}

/**
 * Turns watch events into lines of a JSON watch stream, in the form the
 * client asked for. With a Table, only the first event carries the column
 * definitions. Not shared between requests: it remembers whether the headers went out.
 */
export class WatchEventEncoder {
  private tableHeadersSent = false;
  /** Identifies this encoding among those memoized on shared events. */
  private readonly formatKey: string;

  constructor(private readonly opts: WatchEncoderOptions) {
    const { convert, table } = opts;
    let key = `json;${opts.apiVersion};${opts.kind}`;
    if (convert) key += `;as=${convert.kind};v=${convert.version}`;
    if (convert?.kind === "Table" && table) key += `;include=${table.options.includeObject};noHeaders`;
    this.formatKey = key;
  }

  encode(event: WatchEvent<KubeObject>): Uint8Array {
    if (event.type === "ERROR") return this.line(event.type, event.object);
    const isTable = this.opts.convert?.kind === "Table";
    // The first Table event carries headers, so it is not the shared encoding.
    const shareable = !isTable || this.tableHeadersSent;
    const encodeNow = (e: WatchEvent<KubeObject>) => this.line(e.type, this.transform(e));
    const bytes = shareable && hasEncodingMemo(event) ? event.encode(this.formatKey, encodeNow) : encodeNow(event);
    if (isTable) this.tableHeadersSent = true;
    return bytes;
  }

  private line(type: string, object: unknown): Uint8Array {
    return utf8.encode(`${JSON.stringify({ type, object })}\n`);
  }

  private transform(event: WatchEvent<KubeObject>): unknown {
    const obj = withTypeMeta(event.object as KubeObject, this.opts.apiVersion, this.opts.kind);
    const { convert, table } = this.opts;
    if (convert?.kind === "PartialObjectMetadata") return asPartialObjectMetadata(obj, convert.version);
    if (convert?.kind === "Table" && table) {
      return asTable(
        obj,
        {
          columns: table.columns,
          options: table.options,
          version: convert.version,
          headers: !this.tableHeadersSent,
          apiVersion: this.opts.apiVersion,
          kind: this.opts.kind,
        },
        event.type === "BOOKMARK",
      );
    }
    // A watch event holds one object, so PartialObjectMetadataList cannot
    // apply; upstream then sends the object untransformed, and so do we.
    return obj;
  }
}

export interface ServeWatchOptions {
  media: MediaTypeOptions;
  table: TableOptions | undefined;
  timeoutSeconds: number | undefined;
}

/** Resolves when the response can take more data, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}

function startStream(er: EndpointRequest, media: MediaTypeOptions): void {
  setWarningHeaders(er.res, er.ctx.warnings);
  er.res.writeHead(200, {
    "Content-Type": contentTypeOf(media.format),
    "Transfer-Encoding": "chunked",
    "X-Content-Type-Options": "nosniff",
  });
  er.res.flushHeaders();
}

/**
 * Starts the storage watch and streams it. Errors before the stream starts
 * are thrown (the router answers them with a Status); a 410 Expired at that
 * point is sent in-stream instead, since clients look for it there.
 */
export async function serveWatch(
  er: EndpointRequest,
  startWatch: (scope: RequestScope) => Promise<Watch<KubeObject>>,
  opts: ServeWatchOptions,
): Promise<void> {
  const { res, ctx } = er;
  const { type, tableColumns } = er.endpoint;
  const encoder = new WatchEventEncoder({
    apiVersion: groupVersionOf(type),
    kind: type.kind,
    ...(opts.media.convert ? { convert: opts.media.convert } : {}),
    ...(opts.table ? { table: { columns: tableColumns, options: opts.table } } : {}),
  });

  let watch: Watch<KubeObject>;
  try {
    watch = await startWatch(storageScope(er));
  } catch (err) {
    if (!isStatusError(err) || err.code !== 410) throw err;
    startStream(er, opts.media);
    res.end(encoder.encode({ type: "ERROR", object: err.status }));
    return;
  }

  startStream(er, opts.media);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    watch.stop();
  };
  const timer = setTimeout(stop, watchTimeoutMs(opts.timeoutSeconds));
  res.once("close", stop);
  ctx.signal.addEventListener("abort", stop, { once: true });
  try {
    for await (const event of watch) {
      if (stopped || res.destroyed) break;
      if (!res.write(encoder.encode(event))) await drained(res);
    }
  } catch (err) {
    // The storage watch failed mid-stream: tell the client in-stream, as an ERROR event.
    if (!res.destroyed) res.write(encoder.encode({ type: "ERROR", object: toStatusError(err).status }));
  } finally {
    clearTimeout(timer);
    res.off("close", stop);
    ctx.signal.removeEventListener("abort", stop);
    watch.stop();
    if (!res.writableEnded) res.end();
  }
}
