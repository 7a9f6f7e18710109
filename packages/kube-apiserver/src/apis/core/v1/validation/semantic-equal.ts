// Comparing API values the way upstream's semantic equality does for
// immutability rules (key order does not matter, absent equals undefined),
// and printing what changed for the "is immutable" messages (upstream prints
// a Go diff there; this is our own, shorter form).

/** JSON with sorted keys, so that two objects compare equal whatever their key order. */
export function canonicalJSON(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJSON(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export const sameJSON = (a: unknown, b: unknown): boolean => canonicalJSON(a) === canonicalJSON(b);

/** The top-level fields of two objects that differ, as `  <prefix>.field: old -> new` lines. */
export function fieldDiff(prefix: string, old: object, next: object): string {
  const a = old as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((k) => !sameJSON(a[k], b[k]))
    .map((k) => `  ${prefix}.${k}: ${canonicalJSON(a[k] ?? null)} -> ${canonicalJSON(b[k] ?? null)}`)
    .join("\n");
}
