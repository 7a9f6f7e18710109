// Binary values in JSON: Go's []byte travels as standard base64 (with
// padding). A value that is not valid base64 fails decoding, as upstream's
// decoder fails it, with Go's message naming the first bad byte.

import { z } from "zod";

/**
 * Go's wording for invalid base64: `illegal base64 data at input byte N`.
 * N is the first character outside the base64 alphabet, or, when every
 * character is one (wrong padding or length), the end of the input.
 */
export function illegalBase64Message(value: string): string {
  const bad = value.search(/[^A-Za-z0-9+/=]/);
  return `illegal base64 data at input byte ${bad >= 0 ? bad : value.length}`;
}

/** A base64 string holding arbitrary bytes (OpenAPI: string, format byte). */
export function base64Bytes(description: string) {
  return z.base64({ error: (issue) => illegalBase64Message(String(issue.input)) }).describe(description);
}
