// Opening the SQLite database of a data directory: one process at a time, and
// every acknowledged commit on disk.

import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Another process (or another driver in this one) has the data directory open. */
export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | undefined,
  ) {
    super(`data directory ${dataDir} is in use by another process (pid ${holderPid ?? "unknown"}?)`);
    this.name = "DataDirectoryInUseError";
  }
}

export const DATABASE_FILE = "state.db";
/** Only a hint for the error message: the lock itself is SQLite's, see below. */
const PID_FILE = "embedded-kv.pid";

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

function readPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataDir, PID_FILE), "utf8"), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens (creating if needed) `<dataDir>/state.db` and takes it for this
 * connection alone until close().
 *
 * Locking: locking_mode=EXCLUSIVE makes SQLite keep its lock on the database
 * file for the life of the connection instead of per transaction; the empty
 * write transaction below takes that lock now. It is an OS file lock (fcntl),
 * so a second opener, in another process or in this one, gets SQLITE_BUSY at
 * once (timeout 0), and the OS drops the lock when its holder dies, even by
 * SIGKILL: a crashed server never blocks the next start, which a pid file
 * alone could not promise.
 *
 * Durability: journal_mode=WAL appends commits to a log, and synchronous=FULL
 * fsyncs that log at every commit, so a commit that returned survives a
 * process crash and a power loss. (With NORMAL, WAL syncs only at
 * checkpoints: a crash of the machine could lose acknowledged writes.) The
 * write batcher groups writes so this fsync is paid once per batch. In
 * exclusive mode the WAL index lives in process memory, not in a -shm file.
 */
export function openDatabase(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE), { timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    const journalMode: unknown = db.pragma("journal_mode = WAL", { simple: true });
    if (journalMode !== "wal") throw new Error(`${dataDir}: SQLite refused WAL mode (got ${String(journalMode)})`);
    db.pragma("synchronous = FULL");
    db.exec("BEGIN IMMEDIATE; COMMIT");
    fs.writeFileSync(path.join(dataDir, PID_FILE), `${process.pid}\n`);
  } catch (err) {
    db.close();
    if (isBusy(err)) throw new DataDirectoryInUseError(dataDir, readPid(dataDir));
    throw err;
  }
  return db;
}

/** Closes the database, releasing the lock, and removes the pid hint. */
export function closeDatabase(db: Database.Database, dataDir: string): void {
  db.close();
  fs.rmSync(path.join(dataDir, PID_FILE), { force: true });
}
