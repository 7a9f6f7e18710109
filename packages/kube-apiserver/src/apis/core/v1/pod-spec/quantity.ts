// Enough of resource.Quantity to compare amounts: "100m", "1Gi", "2", "1e3".
// Values are read as floating point numbers, which is exact enough for
// equality and ordering of the amounts pods use.

const SUFFIXES: Record<string, number> = {
  "": 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Upstream's message for a string that is not a quantity. */
export const INVALID_QUANTITY_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** The value of a quantity, or undefined when it is not one. */
export function parseQuantity(q: string | number): number | undefined {
  if (typeof q === "number") return q;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return Number(`${m[1]}${m[2]}`);
  return base * (SUFFIXES[m[3] ?? ""] ?? 1);
}
