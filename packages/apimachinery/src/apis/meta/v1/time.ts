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

export const MicroTimeSchema = z.iso
  .datetime({ offset: true })
  .describe("An RFC 3339 timestamp with microsecond precision, in UTC (e.g. 2024-01-02T03:04:05.123456Z).");
export type MicroTime = z.infer<typeof MicroTimeSchema>;

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
