// Plain-text tables for benchmark output.
//
//   console.log(formatTable(["op", "ops/s"], [["get", "12,345"]]));
//
//   op   | ops/s
//   -----+-------
//   get  | 12,345
//
// Cells that look like numbers (digits, separators, "/", units, x and %) are
// right-aligned; everything else is left-aligned.

/** Format rows under a header, columns separated by " | ". */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => (row[col] ?? "").length)));
  const line = (cells: string[]): string =>
    widths
      .map((width, col) => {
        const cell = cells[col] ?? "";
        return looksNumeric(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(" | ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** A rate with thousands separators, e.g. 12345.6 -> "12,346". */
export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString("en-US");
}

/** Milliseconds with one decimal, e.g. 41.27 -> "41.3 ms". */
export function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** A ratio as a percentage, e.g. 0.913 -> "91%". */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

function looksNumeric(cell: string): boolean {
  return /^[\d.,/\s]+(ms|s|%|x)?$/.test(cell) && /\d/.test(cell);
}
