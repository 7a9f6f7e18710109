// Continue tokens for paginated lists, in upstream's format so they look the
// same to clients: base64url(JSON {"v":"meta.k8s.io/v1","rv":<revision>,"start":<key>}).
// `rv` pins later pages to the first page's revision (a consistent snapshot);
// -1 means "continue from the latest revision" (handed out after a 410).
// `start` is the next key to read, relative to the list's key prefix.

import { newBadRequest } from "@tskube/apimachinery";

const VERSION = "meta.k8s.io/v1";

interface TokenJSON {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(nextKey: string, keyPrefix: string, revision: number): string {
  if (!nextKey.startsWith(keyPrefix)) throw new Error(`continue key ${nextKey} is not under ${keyPrefix}`);
  const token: TokenJSON = { v: VERSION, rv: revision, start: nextKey.slice(keyPrefix.length) };
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

/** Decode a token into the full key to start at and the revision to read at; bad tokens -> 400. */
export function decodeContinue(token: string, keyPrefix: string): { startKey: string; revision: number } {
  const invalid = (why: string) => newBadRequest(`invalid continue token: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid("continue key is not valid: illegal base64 data or not JSON");
  }
  const t = parsed as Partial<TokenJSON> | null;
  if (t === null || typeof t !== "object" || t.v !== VERSION) {
    throw invalid("continue key is not valid: server does not recognize this encoding");
  }
  if (typeof t.rv !== "number" || !Number.isSafeInteger(t.rv) || t.rv === 0 || t.rv < -1) {
    throw invalid("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  }
  if (typeof t.start !== "string" || t.start === "") {
    throw invalid("continue key is not valid: encoded start key empty");
  }
  // The start key may not climb out of the list's prefix.
  if (t.start.split("/").some((seg) => seg === ".." || seg === ".")) {
    throw invalid("continue key is not valid: path traversal attempted");
  }
  return { startKey: keyPrefix + t.start, revision: t.rv };
}
