// Go's duration syntax, which clients use for `?timeout=` (`30s`, `1m30s`,
// `250ms`, `1.5h`) and upstream's flags take (`--request-timeout=1m`): a
// sign, then one or more decimal numbers each with a unit. The errors read
// like Go's, since upstream passes them on to the client. Also Go's way of
// printing one (`5m0s`), for flag defaults in --help.

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

/** Go's rendering of a duration, for defaults in --help: `5m0s`, `1m0s`, `0s`, `1h0m0s`, `250ms`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  const sign = ms < 0 ? "-" : "";
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = `${rest / 1000}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}
