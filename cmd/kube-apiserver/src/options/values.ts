// Parsers for the kinds of values upstream's flags take (pflag's types):
// int, bool, ip, duration, strings (comma-separated, repeatable), CIDRs and
// port ranges. Each throws a FlagError naming the flag, worded as pflag's.

import { isIP, isIPv4 } from "node:net";
import { FlagError, invalidArgument } from "./flag-error.js";
import { parseGoDuration } from "@tskube/apimachinery";

/** A flag given several times arrives as an array; single-valued flags take the last (as pflag). */
export function lastValue(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) return raw.length === 0 ? undefined : String(raw[raw.length - 1]);
  return String(raw);
}

export function parseIntFlag(flag: string, raw: unknown): number {
  const value = lastValue(raw) ?? "";
  if (!/^[+-]?\d+$/.test(value)) {
    throw invalidArgument(flag, value, `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 31 - 1) {
    throw invalidArgument(flag, value, `strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
  }
  return n;
}

export function parseDurationFlag(flag: string, raw: unknown): number {
  const value = lastValue(raw) ?? "";
  try {
    return parseGoDuration(value);
  } catch (err) {
    throw invalidArgument(flag, value, (err as Error).message);
  }
}

export function parseIPFlag(flag: string, raw: unknown): string {
  const value = lastValue(raw) ?? "";
  if (isIP(value) === 0) throw invalidArgument(flag, value, `failed to parse IP: ${JSON.stringify(value)}`);
  return value;
}

/** Go's strconv.ParseBool spellings, which pflag accepts after `--flag=`. */
const BOOL_VALUES: Readonly<Record<string, boolean>> = {
  "1": true, t: true, T: true, true: true, TRUE: true, True: true,
  "0": false, f: false, F: false, false: false, FALSE: false, False: false,
};

/** Checks the value of a boolean flag given as `--flag=value` (yargs would read anything else as false). */
export function checkBoolValue(flag: string, value: string): void {
  if (!(value in BOOL_VALUES)) {
    throw invalidArgument(flag, value, `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
}

/** A `stringArray` flag: repeatable, each value kept whole (commas and all), as pflag's StringArray. */
export function parseStringArrayFlag(raw: unknown): string[] {
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw.map(String) : [String(raw)];
}

/** A `strings` flag: comma-separated, and repeatable; empty items are dropped. */
export function parseStringsFlag(raw: unknown): string[] {
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  return values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
}

export interface CIDR {
  address: string;
  prefixLength: number;
  family: 4 | 6;
}

export function parseCIDR(text: string): CIDR | null {
  const slash = text.indexOf("/");
  if (slash < 0) return null;
  const address = text.slice(0, slash);
  const prefix = text.slice(slash + 1);
  const family = isIP(address);
  if (family === 0 || !/^\d{1,3}$/.test(prefix)) return null;
  const prefixLength = Number(prefix);
  if (prefixLength > (family === 4 ? 32 : 128)) return null;
  return { address, prefixLength, family: isIPv4(address) ? 4 : 6 };
}

/**
 * `--service-cluster-ip-range`: one CIDR, or two of different IP families
 * (dual stack), comma-separated.
 */
export function parseServiceCIDRs(flag: string, raw: unknown): CIDR[] {
  const value = lastValue(raw) ?? "";
  const items = value.split(",").map((v) => v.trim());
  if (items.length > 2) throw new FlagError(`--${flag}: may have at most two CIDRs, one per IP family, got ${JSON.stringify(value)}`);
  const cidrs = items.map((item, i) => {
    const cidr = parseCIDR(item);
    if (cidr === null) throw new FlagError(`--${flag}[${i}]: ${JSON.stringify(item)} is not a valid CIDR`);
    return cidr;
  });
  if (cidrs.length === 2 && cidrs[0]?.family === cidrs[1]?.family) {
    throw new FlagError(`--${flag}: the two CIDRs of a dual-stack range must be of different IP families, got ${JSON.stringify(value)}`);
  }
  return cidrs;
}

export interface PortRange {
  base: number;
  size: number;
}

/** A port range as pflag's PortRange reads it: `30000-32767`, `30000+2768` (base and size) or a single port. */
export function parsePortRange(flag: string, raw: unknown): PortRange {
  const value = lastValue(raw) ?? "";
  const fail = (why: string) => invalidArgument(flag, value, why);
  const match = /^(\d+)(?:([-+])(\d+))?$/.exec(value.trim());
  if (!match) throw fail(`unable to parse port range: ${value}`);
  const base = Number(match[1]);
  const other = match[3] === undefined ? undefined : Number(match[3]);
  const size = other === undefined ? 1 : match[2] === "+" ? other : other - base + 1;
  if (base < 1 || base > 65535 || size < 1 || base + size - 1 > 65535) throw fail(`range out of bounds: ${value}`);
  return { base, size };
}
