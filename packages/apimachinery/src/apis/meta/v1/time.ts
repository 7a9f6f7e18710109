// meta/v1 Time and MicroTime: timestamps travel as RFC 3339 strings.
// Time has whole seconds (`2024-01-02T03:04:05Z`); MicroTime has six
// fractional digits (`2024-01-02T03:04:05.000000Z`), used by Events and Leases.

import { z } from "zod";

// Upstream parses with Go's RFC 3339 layout: upper-case T, seconds, Z or a
// numeric offset, and an optional fraction of any length.
export const TimeSchema = z.iso
  .datetime({ offset: true })
  .describe("An RFC 3339 timestamp with second precision, in UTC (e.g. 2024-01-02T03:04:05Z).");
export type Time = z.infer<typeof TimeSchema>;

// Upstream is stricter with MicroTime: Go's layout `2006-01-02T15:04:05.000000Z07:00`
// wants exactly six fractional digits, and the value is written back in UTC.
// A client that sends `...05Z` or `...05.123Z` gets a 400 with Go's parse error.
export const MicroTimeSchema = z
  .string()
  .meta({ format: "date-time" })
  .transform((text, ctx) => {
    const parsed = parseMicroTime(text);
    if (typeof parsed === "string") return parsed;
    ctx.issues.push({ code: "custom", message: parsed.error, input: text });
    return z.NEVER;
  })
  .describe("An RFC 3339 timestamp with microsecond precision, in UTC (e.g. 2024-01-02T03:04:05.123456Z).");
export type MicroTime = z.infer<typeof MicroTimeSchema>;

const MICRO_LAYOUT = "2006-01-02T15:04:05.000000Z07:00";

/**
 * Reads a MicroTime the way Go's time.Parse reads RFC3339Micro, element by
 * element, and returns it in UTC (`2024-01-02T03:04:05.123456Z`), or Go's
 * error message.
 */
export function parseMicroTime(text: string): string | { error: string } {
  let rest = text;
  const cannotParse = (layoutElem: string) => ({
    error: `parsing time ${JSON.stringify(text)} as ${JSON.stringify(MICRO_LAYOUT)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(layoutElem)}`,
  });
  const outOfRange = (what: string) => ({ error: `parsing time ${JSON.stringify(text)}: ${what} out of range` });
  const literal = (sep: string): boolean => {
    if (!rest.startsWith(sep)) return false;
    rest = rest.slice(sep.length);
    return true;
  };
  /** Go's getnum: one or two digits; `fixed` requires two. */
  const number = (fixed: boolean): number | undefined => {
    if (!/^\d/.test(rest)) return undefined;
    const two = /^\d\d/.test(rest);
    if (!two && fixed) return undefined;
    const digits = rest.slice(0, two ? 2 : 1);
    rest = rest.slice(digits.length);
    return Number(digits);
  };

  if (!/^\d{4}/.test(rest)) return cannotParse("2006");
  const year = Number(rest.slice(0, 4));
  rest = rest.slice(4);
  const fields: [string, string, boolean, string, (n: number) => boolean][] = [
    ["-", "01", true, "month", (n) => n >= 1 && n <= 12],
    ["-", "02", true, "day", (n) => n >= 0 && n <= 31],
    ["T", "15", false, "hour", (n) => n < 24],
    [":", "04", true, "minute", (n) => n < 60],
    [":", "05", true, "second", (n) => n < 60],
  ];
  const values: number[] = [];
  for (const [sep, elem, fixed, name, inRange] of fields) {
    if (!literal(sep)) return cannotParse(sep);
    const n = number(fixed);
    if (n === undefined) return cannotParse(elem);
    if (!inRange(n)) return outOfRange(name);
    values.push(n);
  }
  const [month, day, hour, minute, second] = values as [number, number, number, number, number];

  if (rest.length < 7 || !/^[.,]\d{6}/.test(rest)) return cannotParse(".000000");
  const micros = rest.slice(1, 7);
  rest = rest.slice(7);

  let offsetMinutes = 0;
  if (rest.startsWith("Z")) {
    rest = rest.slice(1);
  } else {
    const m = /^([+-])(\d\d):(\d\d)/.exec(rest);
    if (!m) return cannotParse("Z07:00");
    const [, sign, hh, mm] = m as unknown as [string, string, string, string];
    if (Number(hh) > 24) return outOfRange("time zone offset hour");
    if (Number(mm) > 60) return outOfRange("time zone offset minute");
    offsetMinutes = (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm));
    rest = rest.slice(6);
  }
  if (rest !== "") return { error: `parsing time ${JSON.stringify(text)}: extra text: ${JSON.stringify(rest)}` };

  // setUTCFullYear, unlike Date.UTC, takes years below 100 as they are.
  const utc = (y: number, mo: number, d: number, h = 0, mi = 0, sec = 0): Date => {
    const date = new Date(0);
    date.setUTCFullYear(y, mo, d);
    date.setUTCHours(h, mi, sec, 0);
    return date;
  };
  if (day < 1 || day > utc(year, month, 0).getUTCDate()) return { error: `parsing time ${JSON.stringify(text)}: day out of range` };

  const at = new Date(utc(year, month - 1, day, hour, minute, second).getTime() - offsetMinutes * 60_000);
  return `${formatTime(at).slice(0, -1)}.${micros}Z`;
}

/** Formats a date as a meta/v1 Time: UTC, fraction dropped. */
export function formatTime(date: Date): Time {
  return date.toISOString().replace(/\.\d+Z$/, "Z");
}

/**
 * Formats a date as a meta/v1 MicroTime. A Date only holds milliseconds, so
 * `extraMicros` (0-999) may add the microseconds a finer clock provides.
 */
export function formatMicroTime(date: Date, extraMicros = 0): MicroTime {
  const seconds = formatTime(date).slice(0, -1);
  const micros = date.getUTCMilliseconds() * 1000 + extraMicros;
  return `${seconds}.${String(micros).padStart(6, "0")}Z`;
}

/** The current time as a meta/v1 Time, e.g. `2024-01-02T03:04:05Z`. */
export function now(): Time {
  return formatTime(new Date());
}

/** The current time as a meta/v1 MicroTime, e.g. `2024-01-02T03:04:05.123456Z`. */
export function nowMicro(): MicroTime {
  // performance.timeOrigin + now() is a wall-clock reading with sub-millisecond resolution.
  const epochMicros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  const millis = Math.floor(epochMicros / 1000);
  return formatMicroTime(new Date(millis), epochMicros - millis * 1000);
}
