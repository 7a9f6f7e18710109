// --token-auth-file (upstream: authenticator/token/tokenfile): a CSV file of
// static bearer tokens, one per line:
//
//   token,user,uid,"group1,group2"
//
// The groups column is optional. Blank lines are skipped; a token given
// twice keeps its last line.
//
// Upstream reads the file once, at start. Here the file is watched and read
// again whenever it changes (its size, modification time or inode), so
// users can be added or removed without a restart. A change that cannot be
// read (a half-written file, a syntax error, the file removed) is logged and
// the tokens read last stay in force.

import type { Stats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { type AuthenticationResult, type Logger, StaticTokenAuthenticator, type TokenAuthenticator, type UserInfo } from "@tskube/generic-apiserver";

export async function readTokenFile(path: string): Promise<Map<string, UserInfo>> {
  return parseTokenFile(await readFile(path, "utf8"), path);
}

export function parseTokenFile(text: string, path: string): Map<string, UserInfo> {
  const tokens = new Map<string, UserInfo>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const record = parseCSVLine(line, `${path}:${index + 1}`);
    if (record.length < 3) {
      throw new Error(`token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`);
    }
    const [token = "", name = "", uid = "", groups = ""] = record;
    const user: UserInfo = { name, uid, groups: groups.split(",").map((g) => g.trim()).filter((g) => g !== "") };
    tokens.set(token, user);
  });
  return tokens;
}

/** One CSV record: comma-separated fields, a field in double quotes may hold commas and `""` for a quote. */
function parseCSVLine(line: string, where: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`${where}: unterminated quoted field`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ",") throw new Error(`${where}: unexpected text after a quoted field`);
    } else {
      const end = line.indexOf(",", i);
      field = end < 0 ? line.slice(i) : line.slice(i, end);
      i = end < 0 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

/** How often the file is looked at for changes. */
const WATCH_INTERVAL_MS = 1_000;

/** What tells one version of the file from another. */
type Version = Pick<Stats, "mtimeMs" | "size" | "ino">;

function sameVersion(a: Version, b: Version): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;
}

/** The tokens of a --token-auth-file, kept current with the file. */
export class WatchedTokenFile implements TokenAuthenticator {
  private tokens: StaticTokenAuthenticator;
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  // The file is polled with our own timer rather than fs.watchFile: watchFile
  // compares each look with its own previous one, which it takes some time
  // after it starts, so a change made between our read and its first look
  // would never be noticed. Here every look is compared with the version
  // that was read last.
  private constructor(
    readonly path: string,
    tokens: Map<string, UserInfo>,
    private version: Version,
    private readonly logger: Logger,
  ) {
    this.tokens = new StaticTokenAuthenticator(tokens);
    this.timer = setInterval(() => void this.check(), WATCH_INTERVAL_MS);
    // Watching must not keep the process alive.
    this.timer.unref();
  }

  /** Reads the file (an unreadable file at start is an error, as upstream) and starts watching it. */
  static async open(path: string, logger: Logger): Promise<WatchedTokenFile> {
    // The version is taken before the read: a change during the read is then seen at the next look.
    const version = await stat(path);
    return new WatchedTokenFile(path, await readTokenFile(path), version, logger);
  }

  authenticateToken(token: string): Promise<AuthenticationResult> {
    return this.tokens.authenticateToken(token);
  }

  /** Stops watching the file. */
  close(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await this.reloadIfChanged();
    } finally {
      this.checking = false;
    }
  }

  private async reloadIfChanged(): Promise<void> {
    let current: Stats;
    try {
      current = await stat(this.path);
    } catch {
      if (this.version.ino !== 0) this.logger.error(`--token-auth-file ${this.path} is gone; the tokens read last stay in force`);
      this.version = { mtimeMs: 0, size: 0, ino: 0 };
      return;
    }
    if (sameVersion(current, this.version)) return;
    // Whatever the outcome, this version has been looked at; a bad edit is logged once, not every second.
    this.version = current;
    try {
      const tokens = await readTokenFile(this.path);
      this.tokens = new StaticTokenAuthenticator(tokens);
      this.logger.info(`--token-auth-file ${this.path} changed: ${tokens.size} token(s) loaded`);
    } catch (err) {
      this.logger.error(`--token-auth-file ${this.path} changed but could not be read; the tokens read last stay in force`, err);
    }
  }
}
