// resourceVersion <-> kv revision. A resourceVersion is the decimal string of
// the revision of the object's last write; clients must treat it as opaque,
// but the server parses it to read "at least as fresh as" or "exactly at".

import { type KubeObject, newBadRequest } from "@tskube/apimachinery";

/** Parse a resourceVersion parameter; "" means 0 ("unset"). Malformed -> 400 BadRequest. */
export function parseResourceVersion(rv: string | undefined): number {
  if (rv === undefined || rv === "") return 0;
  if (!/^[0-9]{1,16}$/.test(rv) || !Number.isSafeInteger(Number(rv))) {
    throw newBadRequest(`invalid resource version: resourceVersion: Invalid value: "${rv}": must be a non-negative integer`);
  }
  return Number(rv);
}

/** The revision of an object's resourceVersion (0 when unset). */
export function objectRevision(obj: KubeObject): number {
  return parseResourceVersion(obj.metadata?.resourceVersion);
}

/** The message of the error for a resourceVersion the store has not reached. */
export function tooLargeResourceVersionMessage(requested: number, current: number): string {
  return `Too large resource version: ${requested}, current: ${current}`;
}
