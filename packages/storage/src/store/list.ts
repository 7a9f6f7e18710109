// getList: one page of objects under a key prefix (upstream: etcd3 store GetList).
//
// Which revision a list reads at:
//   continue token          -> the token's revision (pages of one snapshot), or latest if it says -1
//   resourceVersionMatch=Exact, or a resourceVersion with a limit and no match rule (legacy)
//                           -> exactly that revision (410 Expired if compacted)
//   otherwise               -> the latest revision, which must be >= resourceVersion
// With selectors the store reads more kv pages until the page is full, so a
// filtered page still has up to `limit` items.

import { type KubeObject, newBadRequest } from "@tskube/apimachinery";
import { CONTINUE_EXPIRED_MSG, StorageError } from "../errors.js";
import type { ListOptions, ListResult } from "../interfaces.js";
import { CompactedError } from "../kv/errors.js";
import { type KvDriver, prefixEnd } from "../kv/types.js";
import { decodeObject } from "./codec.js";
import { decodeContinue, encodeContinue } from "./continue-token.js";
import { kvCall } from "./kv-errors.js";
import { predicateIsEverything, predicateMatches, scopeKeyPrefix } from "./predicate.js";
import { parseResourceVersion, tooLargeResourceVersionMessage } from "./resource-version.js";

/** Largest kv page read while filling a filtered page. */
const MAX_KV_PAGE = 10_000;

export async function listObjects<T extends KubeObject>(
  kv: KvDriver,
  fullPrefix: string,
  opts: ListOptions<T>,
): Promise<ListResult<T>> {
  const recursive = opts.recursive ?? true;
  const keyPrefix = scopeKeyPrefix(fullPrefix, recursive);
  const pred = opts.predicate;
  const limit = recursive && pred?.limit && pred.limit > 0 ? pred.limit : 0;
  const match = opts.resourceVersionMatch ?? "";
  const fromRV = parseResourceVersion(opts.resourceVersion);
  if (match !== "" && !opts.resourceVersion) {
    throw newBadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
  }

  // Where to start and which revision to read at (0 = latest).
  let startKey = keyPrefix;
  let readRev = 0;
  const continuing = recursive && !!pred?.continue;
  if (continuing) {
    const token = decodeContinue(pred.continue as string, keyPrefix);
    startKey = token.startKey;
    readRev = Math.max(token.revision, 0);
  } else if (fromRV > 0 && (match === "Exact" || (match === "" && limit > 0))) {
    readRev = fromRV;
  }
  const readsLatest = readRev === 0;
  const endKey = recursive ? prefixEnd(keyPrefix) : `${keyPrefix}\0`;

  const items: T[] = [];
  const corrupt: string[] = [];
  let revision = 0;
  let hasMore = false;
  let lastKey = "";
  let remainingItemCount: number | undefined;
  let pageSize = limit;
  try {
    for (;;) {
      const res = await kvCall(startKey, () => kv.range(startKey, endKey, { revision: readRev, limit: pageSize }));
      revision = res.revision;
      readRev = res.revision; // every kv page of this list reads the same snapshot
      for (const entry of res.kvs) {
        if (limit > 0 && items.length >= limit) {
          hasMore = true; // the page is full; the next page starts after lastKey
          break;
        }
        lastKey = entry.key;
        let obj: T;
        try {
          obj = decodeObject<T>(entry.key, entry.value, entry.modRevision);
        } catch {
          corrupt.push(entry.key);
          continue;
        }
        if (predicateMatches(pred, obj)) items.push(obj);
      }
      if (hasMore) break;
      if (!res.more) break; // the range is exhausted
      if (limit > 0 && items.length >= limit) {
        hasMore = true;
        if (predicateIsEverything(pred)) remainingItemCount = res.count - res.kvs.length;
        break;
      }
      // Selectors filtered some items out of this kv page: read the next, larger one.
      startKey = `${lastKey}\0`;
      pageSize = Math.min(Math.max(pageSize * 2, limit), MAX_KV_PAGE);
    }
  } catch (err) {
    throw listError(err, continuing, startKey, keyPrefix);
  }

  if (corrupt.length > 0) {
    // Decided: a list with undecodable values fails as a whole and names every bad key
    // (as upstream does), rather than silently serving a partial list.
    throw new StorageError(
      "CorruptObject",
      corrupt[0] as string,
      `failed to decode the objects stored at keys ${corrupt.map((k) => `"${k}"`).join(", ")}`,
    );
  }
  // A read at the latest revision must be at least as fresh as the resourceVersion asked for.
  if (readsLatest && fromRV > revision) {
    throw new StorageError("ResourceVersionTooLarge", keyPrefix, tooLargeResourceVersionMessage(fromRV, revision));
  }

  const result: ListResult<T> = { items, resourceVersion: String(revision) };
  if (hasMore) {
    result.continue = encodeContinue(`${lastKey}\0`, keyPrefix, revision);
    if (remainingItemCount !== undefined) result.remainingItemCount = remainingItemCount;
  }
  return result;
}

function listError(err: unknown, continuing: boolean, startKey: string, keyPrefix: string): unknown {
  if (err instanceof StorageError && err.code === "Expired") {
    if (continuing) {
      // Hand out a token that continues from the latest revision, as upstream does.
      return new StorageError("Expired", startKey, CONTINUE_EXPIRED_MSG, encodeContinue(startKey, keyPrefix, -1));
    }
    return err;
  }
  if (err instanceof CompactedError) return new StorageError("Expired", startKey, err.message);
  return err;
}
