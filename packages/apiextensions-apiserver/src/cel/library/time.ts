// Timestamps and durations: parsing and printing as CEL (and Go) do.

import { Duration, EvalError, Timestamp } from "../values.js";

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const MIN_SECONDS = -62135596800n; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253402300799n; // 9999-12-31T23:59:59Z

export function parseTimestamp(s: string): Timestamp {
  const m = RFC3339.exec(s);
  if (!m) throw new EvalError(`timestamp: invalid format '${s}'`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (Number.isNaN(ms)) throw new EvalError(`timestamp: invalid format '${s}'`);
  let seconds = BigInt(ms / 1000);
  if (m[9]) {
    const offset = BigInt(Number(m[10]) * 3600 + Number(m[11]) * 60);
    seconds = m[9] === "+" ? seconds - offset : seconds + offset;
  }
  const nanos = BigInt((m[7] ?? "").padEnd(9, "0") || "0");
  return checkTimestamp(seconds * 1_000_000_000n + nanos);
}

export function checkTimestamp(nanos: bigint): Timestamp {
  const seconds = nanos / 1_000_000_000n;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw new EvalError("timestamp out of range");
  return new Timestamp(nanos);
}

export function formatTimestamp(t: Timestamp): string {
  const seconds = floorDiv(t.nanos, 1_000_000_000n);
  const frac = t.nanos - seconds * 1_000_000_000n;
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const fracText = frac === 0n ? "" : `.${frac.toString().padStart(9, "0").replace(/0+$/, "")}`;
  return `${iso}${fracText}Z`;
}

const UNITS: Record<string, bigint> = {
  ns: 1n, us: 1000n, "µs": 1000n, "μs": 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration syntax: `1h30m`, `1.5s`, `-300ms`. */
export function parseDuration(s: string): Duration {
  const bad = () => new EvalError(`time: invalid duration "${s}"`);
  let rest = s;
  let sign = 1n;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest[0] === "-") sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === "0") return new Duration(0n);
  if (rest === "") throw bad();
  let total = 0n;
  const re = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (!m || (m[1] === "" && (m[2] ?? "") === "")) throw bad();
    const unit = UNITS[m[3]!]!;
    total += BigInt(m[1] || "0") * unit;
    if (m[2]) total += (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length);
    rest = rest.slice(m[0].length);
  }
  return checkDuration(sign * total);
}

export function checkDuration(nanos: bigint): Duration {
  // CEL durations are limited to about ±10000 years; Go's to ±290 years.
  if (nanos > 9223372036854775807n || nanos < -9223372036854775808n) throw new EvalError("duration out of range");
  return new Duration(nanos);
}

/** CEL prints durations as seconds: `3600s`, `1.5s`. */
export function formatDuration(d: Duration): string {
  const neg = d.nanos < 0n;
  const abs = neg ? -d.nanos : d.nanos;
  const secs = abs / 1_000_000_000n;
  const frac = abs % 1_000_000_000n;
  const fracText = frac === 0n ? "" : `.${frac.toString().padStart(9, "0").replace(/0+$/, "")}`;
  return `${neg ? "-" : ""}${secs}${fracText}s`;
}

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && a < 0n !== b < 0n) ? q - 1n : q;
}

/** Date parts of a timestamp in a time zone given as `UTC`, `+01:00` or `-05:30` (named zones via Intl). */
export function timestampParts(t: Timestamp, tz?: string): { year: number; month: number; day: number; hours: number; minutes: number; seconds: number; millis: number; dayOfWeek: number; dayOfYear: number } {
  const seconds = floorDiv(t.nanos, 1_000_000_000n);
  const millis = Number((t.nanos - seconds * 1_000_000_000n) / 1_000_000n);
  let offsetMs = 0;
  if (tz && tz !== "UTC") {
    const m = /^([+-])?(\d{2}):(\d{2})$/.exec(tz);
    if (m) offsetMs = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) * 1000;
    else offsetMs = namedZoneOffset(Number(seconds) * 1000, tz);
  }
  const d = new Date(Number(seconds) * 1000 + offsetMs);
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes(),
    seconds: d.getUTCSeconds(), millis, dayOfWeek: d.getUTCDay(), dayOfYear: Math.floor((d.getTime() - startOfYear) / 86_400_000),
  };
}

function namedZoneOffset(utcMs: number, tz: string): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(new Date(utcMs));
  } catch {
    throw new EvalError(`unknown time zone ${tz}`);
  }
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(utcMs / 1000) * 1000;
}
