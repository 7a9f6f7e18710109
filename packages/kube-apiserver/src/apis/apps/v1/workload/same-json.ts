// Equality of two decoded objects as upstream compares its Go structs: by
// value, whatever the key order, with absent fields equal to undefined ones.

import { isDeepStrictEqual } from "node:util";

const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export function sameJSON(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(plain(a), plain(b));
}
