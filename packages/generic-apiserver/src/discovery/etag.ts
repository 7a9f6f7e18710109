// ETags for documents that change rarely (discovery, OpenAPI): clients keep
// the document and send `If-None-Match`; an unchanged document costs a 304.

import { createHash } from "node:crypto";
import type { Request, Response } from "express";

/** A serialized document with its ETag, computed once and served many times. */
export interface CachedBody {
  body: string;
  /** The hash alone, without quotes (the OpenAPI v3 `?hash=` uses it). */
  hash: string;
}

/** A document in a binary form (the protobuf OpenAPI v2 document), with the ETag of its JSON form. */
export interface BinaryCachedBody {
  body: Buffer;
  hash: string;
}

export function cachedBody(value: unknown): CachedBody {
  const body = JSON.stringify(value);
  return { body, hash: hashOf(body) };
}

/** Upstream's hash: SHA-512 of the JSON, in upper-case hex. */
export function hashOf(body: string): string {
  return createHash("sha512").update(body).digest("hex").toUpperCase();
}

/** Whether the request's If-None-Match names this entity tag (exactly, in a list, weakly, or `*`). */
export function ifNoneMatchHits(req: Request, hash: string): boolean {
  const header = req.headers["if-none-match"];
  if (header === undefined) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "");
    return tag === "*" || tag === `"${hash}"`;
  });
}

/**
 * Sends a cached document with its ETag, or 304 Not Modified when the client
 * already has it. `Vary: Accept` because the same URL serves other forms for
 * other Accept headers, and caches must not mix them.
 */
export function sendCached(req: Request, res: Response, doc: CachedBody | BinaryCachedBody, contentType: string): void {
  res.setHeader("ETag", `"${doc.hash}"`);
  res.setHeader("Vary", "Accept");
  if (ifNoneMatchHits(req, doc.hash)) {
    res.status(304).end();
    return;
  }
  res.status(200).setHeader("Content-Type", contentType);
  res.end(doc.body);
}
