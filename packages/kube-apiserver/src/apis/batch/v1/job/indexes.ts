// Sets of completion indexes written as intervals, `1,3-5,7` (an Indexed
// Job's status.completedIndexes and failedIndexes, and successPolicy's
// succeededIndexes). Errors are worded as upstream's, since clients see them.

/** An interval `x` or `x-y` below `completions`; throws an Error with upstream's message. */
function parseInterval(text: string, completions: number): [number, number] {
  const limits = text.split("-");
  if (limits.length > 2) {
    throw new Error(`the fragment ${JSON.stringify(text)} violates the requirement that an index interval can have at most two parts separated by '-'`);
  }
  const read = (part: string): number => {
    // Like Go's strconv.Atoi: an optional sign and decimal digits.
    if (!/^[+-]?\d+$/.test(part)) throw new Error(`cannot convert string to integer for index: ${JSON.stringify(part)}`);
    const n = Number(part);
    if (n >= completions) throw new Error(`too large index: ${JSON.stringify(part)}`);
    return n;
  };
  const x = read(limits[0] ?? "");
  if (limits.length === 1) return [x, x];
  const y = read(limits[1] ?? "");
  if (x >= y) throw new Error(`non-increasing order, previous: ${x}, current: ${y}`);
  return [x, y];
}

/** Checks `text` (empty is fine) and returns how many indexes it holds; throws with upstream's message. */
export function countIndexes(text: string, completions: number): number {
  if (text === "") return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(",")) {
    const [x, y] = parseInterval(interval, completions);
    if (last !== undefined && last >= x) throw new Error(`non-increasing order, previous: ${last}, current: ${x}`);
    total += y - x + 1;
    last = y;
  }
  return total;
}

/** The first index in both sets, as upstream's message, or undefined. Malformed intervals are skipped (reported elsewhere). */
export function overlapOfIndexes(completed: string, failed: string, completions: number): string | undefined {
  if (completed === "" || failed === "") return undefined;
  const intervals = (text: string): [number, number][] =>
    text.split(",").flatMap((part) => {
      try {
        return [parseInterval(part, completions)];
      } catch {
        return [];
      }
    });
  const done = intervals(completed);
  const lost = intervals(failed);
  let i = 0;
  let j = 0;
  while (i < done.length && j < lost.length) {
    const [cx, cy] = done[i]!;
    const [fx, fy] = lost[j]!;
    if (cx <= fy && fx <= cy) return `failedIndexes and completedIndexes overlap at index: ${Math.max(cx, fx)}`;
    if (cx <= fx) i++;
    else j++;
  }
  return undefined;
}
