// Go's duration syntax, which clients use for `?timeout=` (`30s`, `1m30s`,
// `250ms`, `1.5h`) and upstream's flags take (`--request-timeout=1m`): a
// sign, then one or more decimal numbers each with a unit. The errors read
// like Go's, since upstream passes them on to the client. And Go's
// time.Duration.String(), for metav1.Duration values and flag defaults.

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  "\u00b5s": 1e-3, // micro sign
  "\u03bcs": 1e-3, // Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds in a Go duration string; throws an Error with Go's message when malformed. */
export function parseGoDuration(text: string): number {
  const invalid = () => new Error(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest.startsWith("-")) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") throw invalid();

  let totalMs = 0;
  while (rest !== "") {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)?.[0] ?? "";
    // Digits before or after the point, or both: "." alone is not a number (Go: ".s" is invalid).
    if (number === "" || number === ".") throw invalid();
    rest = rest.slice(number.length);
    const unit = /^[^\d.]*/.exec(rest)?.[0] ?? "";
    if (unit === "") throw new Error(`time: missing unit in duration ${JSON.stringify(text)}`);
    const unitMs = UNIT_MS[unit];
    if (unitMs === undefined) {
      throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`);
    }
    rest = rest.slice(unit.length);
    totalMs += Number(number) * unitMs;
  }
  return sign * totalMs;
}

/** The digits of `v / 10^prec` after the point, without trailing zeros (Go's fmtFrac). */
function fraction(v: bigint, prec: number): { rest: bigint; text: string } {
  let text = "";
  let print = false;
  let rest = v;
  for (let i = 0; i < prec; i++) {
    const digit = rest % 10n;
    print ||= digit !== 0n;
    if (print) text = `${digit}${text}`;
    rest /= 10n;
  }
  return { rest, text: print ? `.${text}` : "" };
}

/** Go's time.Duration.String(): `1h0m0s`, `1.5s`, `300ms`, `0s`. */
export function formatGoDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return "0s";
  const sign = nanoseconds < 0n ? "-" : "";
  const u = nanoseconds < 0n ? -nanoseconds : nanoseconds;
  if (u < 1_000n) return `${sign}${u}ns`;
  if (u < 1_000_000n) {
    const f = fraction(u, 3);
    return `${sign}${f.rest}${f.text}µs`;
  }
  if (u < 1_000_000_000n) {
    const f = fraction(u, 6);
    return `${sign}${f.rest}${f.text}ms`;
  }
  const f = fraction(u, 9);
  const seconds = f.rest;
  let out = `${seconds % 60n}${f.text}s`;
  const minutes = seconds / 60n;
  if (minutes > 0n) {
    out = `${minutes % 60n}m${out}`;
    const hours = minutes / 60n;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return `${sign}${out}`;
}

/** formatGoDuration of a number of milliseconds (flag defaults): `60000` -> `1m0s`. */
export function formatGoDurationMs(ms: number): string {
  return formatGoDuration(BigInt(Math.round(ms * 1e6)));
}
