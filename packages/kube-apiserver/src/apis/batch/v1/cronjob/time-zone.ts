// Whether a time zone name is one Go's time.LoadLocation can load, as the
// API server checks a CronJob's timeZone and a schedule's TZ= prefix. Go
// reads the system's zoneinfo files (upstream falls back to the tz database
// embedded in the binary; without zoneinfo files we ask the ICU database
// Node carries). The error texts are Go's, since clients see them.

import { closeSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";

const ZONEINFO_DIRS = ["/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ", "/etc/zoneinfo"];
const cache = new Map<string, string | undefined>();

/** Go's error for `name`, or undefined when it loads. */
export function loadLocationError(name: string): string | undefined {
  if (name === "" || name === "UTC" || name === "Local") return undefined;
  if (name.includes("..") || name.startsWith("/") || name.startsWith("\\")) return "time: invalid location name";
  if (!cache.has(name)) cache.set(name, lookUp(name));
  return cache.get(name);
}

function lookUp(name: string): string | undefined {
  let firstError: string | undefined;
  let anyDatabase = false;
  for (const dir of ZONEINFO_DIRS) {
    const path = join(dir, name);
    let isDirectory: boolean;
    try {
      anyDatabase ||= statSync(dir).isDirectory();
      isDirectory = statSync(path).isDirectory();
    } catch {
      continue; // not in this database
    }
    if (isDirectory) {
      firstError ??= `read ${path}: is a directory`;
      continue;
    }
    if (hasTZifMagic(path)) return undefined;
    firstError ??= "malformed time zone information";
  }
  if (firstError !== undefined) return firstError;
  if (!anyDatabase && knownToICU(name)) return undefined;
  return `unknown time zone ${name}`;
}

function hasTZifMagic(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.toString("latin1") === "TZif";
  } finally {
    closeSync(fd);
  }
}

function knownToICU(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
