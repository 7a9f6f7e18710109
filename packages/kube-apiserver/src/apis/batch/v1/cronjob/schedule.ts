// The cron schedule of a CronJob, checked as upstream checks it: with the
// standard parser of robfig/cron v3 (five fields: minute, hour, day of
// month, month, day of week; or a descriptor such as @hourly or
// `@every 1h30m`; optionally after TZ=<zone> or CRON_TZ=<zone>). The error
// texts are the library's, since clients see them in the 422.

import { parseGoDuration } from "@tskube/apimachinery";
import { loadLocationError } from "./time-zone.js";

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DAYS_OF_MONTH: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DAYS_OF_WEEK: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const DESCRIPTORS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

class ScheduleError extends Error {}

/** Go's strconv.Atoi followed by the library's checks. */
function parseNumber(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new ScheduleError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new ScheduleError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseNumberOrName(expr: string, bounds: Bounds): number {
  const named = bounds.names?.[expr.toLowerCase()];
  return named ?? parseNumber(expr);
}

/** One comma-separated part of a field: `*`, `?`, `a`, `a-b`, each with an optional `/step`. */
function checkRange(expr: string, bounds: Bounds): void {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = (rangeAndStep[0] ?? "").split("-");
  let start: number;
  let end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = bounds.min;
    end = bounds.max;
  } else {
    start = parseNumberOrName(lowAndHigh[0] ?? "", bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseNumberOrName(lowAndHigh[1] ?? "", bounds);
    else throw new ScheduleError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1] ?? "");
    // `N/step` means from N to the maximum.
    if (lowAndHigh.length === 1) end = bounds.max;
  } else if (rangeAndStep.length > 2) {
    throw new ScheduleError(`too many slashes: ${expr}`);
  }
  if (start < bounds.min) throw new ScheduleError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new ScheduleError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new ScheduleError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ScheduleError(`step of range should be a positive number: ${expr}`);
}

/** Go's %v of a string slice: `[a b c]`. */
const goList = (items: readonly string[]): string => `[${items.join(" ")}]`;

function checkSchedule(schedule: string): void {
  if (schedule.length === 0) throw new ScheduleError("empty spec string");
  let spec = schedule;
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const space = spec.indexOf(" ");
    // The library slices up to the first space; without one it panics, which upstream reports like this.
    if (space < 0) throw new ScheduleError(`runtime error: slice bounds out of range [:-1]`);
    const zone = spec.slice(spec.indexOf("=") + 1, space);
    const err = loadLocationError(zone);
    if (err !== undefined) throw new ScheduleError(`provided bad location ${zone}: ${err}`);
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith("@")) {
    if (DESCRIPTORS.has(spec)) return;
    if (spec.startsWith("@every ")) {
      try {
        parseGoDuration(spec.slice("@every ".length));
      } catch (err) {
        throw new ScheduleError(`failed to parse duration ${spec}: ${(err as Error).message}`);
      }
      return;
    }
    throw new ScheduleError(`unrecognized descriptor: ${spec}`);
  }
  const fields = spec.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5) throw new ScheduleError(`expected exactly 5 fields, found ${fields.length}: ${goList(fields)}`);
  const bounds = [MINUTES, HOURS, DAYS_OF_MONTH, MONTHS, DAYS_OF_WEEK];
  fields.forEach((field, i) => {
    for (const expr of field.split(",").filter((e) => e !== "")) checkRange(expr, bounds[i]!);
  });
}

/** The parser's error for `schedule`, or undefined when it is a valid schedule. */
export function cronScheduleError(schedule: string): string | undefined {
  try {
    checkSchedule(schedule);
    return undefined;
  } catch (err) {
    if (err instanceof ScheduleError) return err.message;
    throw err;
  }
}
