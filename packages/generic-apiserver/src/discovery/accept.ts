// Parsing of the HTTP Accept header, shared by discovery and OpenAPI.
//
// `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList, application/json;q=0.9`
// becomes two media ranges with their parameters, ordered by quality
// (`q`, default 1); ranges of equal quality keep the client's order.

export interface MediaRange {
  /** Lowercase, e.g. `application` or `*`. */
  type: string;
  /** Lowercase, e.g. `json`, `com.github.proto-openapi.spec.v2@v1.0+protobuf` or `*`. */
  subtype: string;
  /** Parameters other than `q`; names lowercase, values as sent (quotes removed). */
  params: Record<string, string>;
  /** Quality, 0..1. */
  q: number;
}

/** The media ranges of an Accept header, best first. An absent or empty header accepts anything. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === "") {
    return [{ type: "*", subtype: "*", params: {}, q: 1 }];
  }
  const ranges: MediaRange[] = [];
  for (const clause of header.split(",")) {
    const [mediaType = "", ...paramParts] = clause.split(";");
    const [type, subtype] = mediaType.trim().toLowerCase().split("/");
    if (!type || !subtype) continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const part of paramParts) {
      const eq = part.indexOf("=");
      if (eq < 0) continue;
      const name = part.slice(0, eq).trim().toLowerCase();
      const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
      if (name === "q") {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      } else {
        params[name] = value;
      }
    }
    // q=0 means "not acceptable".
    if (q > 0) ranges.push({ type, subtype, params, q });
  }
  // Array.prototype.sort is stable, so equal qualities keep the client's order.
  return ranges.sort((a, b) => b.q - a.q);
}

/** Whether a range admits `type/subtype`; `*` in the range matches anything (as in the all-types range or `application/*`). */
export function rangeMatches(range: MediaRange, type: string, subtype: string): boolean {
  return (range.type === "*" || range.type === type) && (range.subtype === "*" || range.subtype === subtype);
}
