// The table and every SQL statement of the embedded driver, in one place.
//
// The kine design: the table is a log. Every write (create, update, delete)
// appends one row, and the row's id is the revision of that write, so the
// revision counter is SQLite's AUTOINCREMENT (never reused, even after
// compaction deletes rows). The latest row of a key is its current state; a
// delete appends a tombstone row (deleted = 1). Reading "as of revision R"
// means taking, for each key, its latest row with id <= R.

import type BetterSqlite3 from "better-sqlite3";

type Database = BetterSqlite3.Database;
type Statement<Params extends unknown[] | object, Result = unknown> = BetterSqlite3.Statement<Params, Result>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kine (
  id              INTEGER PRIMARY KEY AUTOINCREMENT, -- the revision of this write
  name            TEXT    NOT NULL,                  -- the key
  created         INTEGER NOT NULL,                  -- 1: this row created the key
  deleted         INTEGER NOT NULL,                  -- 1: tombstone, this row deleted the key
  create_revision INTEGER NOT NULL,                  -- for created rows 0: the row's own id is it
  prev_revision   INTEGER NOT NULL,                  -- id of the key's previous row (0 = none)
  lease           INTEGER NOT NULL,                  -- TTL in seconds (0 = no lease)
  value           BLOB    NOT NULL,                  -- empty for tombstones
  old_value       BLOB,                              -- the previous row's value (prevKv)
  old_lease       INTEGER NOT NULL DEFAULT 0         -- the previous row's lease (prevKv); not in kine
);
-- Latest row of a key, and "latest row with id <= R" for every key of a range.
CREATE INDEX IF NOT EXISTS kine_name_id ON kine (name, id);
-- A row has at most one successor: a safety net against lost updates (from kine).
CREATE UNIQUE INDEX IF NOT EXISTS kine_name_prev_revision ON kine (name, prev_revision);
-- Driver state that must not consume a revision (kine keeps it in a row of
-- the log instead): the compacted revision and how far compaction got.
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

/** One row of the log, as better-sqlite3 returns it. */
export interface Row {
  id: number;
  name: string;
  created: 0 | 1;
  deleted: 0 | 1;
  create_revision: number;
  prev_revision: number;
  lease: number;
  value: Buffer;
  old_value: Buffer | null;
  old_lease: number;
}

/** What a write appends; the id (revision) is assigned by SQLite. */
export interface NewRow extends Omit<Row, "id" | "value" | "old_value"> {
  value: Uint8Array;
  old_value: Uint8Array | null;
}

export type MetaKey = "compacted_revision" | "compaction_done_through";

/**
 * A query over the keys in [start, end). Range end "\0" means "no upper bound"
 * (etcd's convention), which one SQL text cannot express with a bound parameter
 * without losing the index range scan, so the query is prepared twice.
 */
class RangeQuery<Params extends { start: string; end: string }, Result> {
  private readonly bounded: Statement<Params, Result>;
  private readonly unbounded: Statement<Params, Result>;

  constructor(db: Database, sql: (upperBound: string) => string) {
    this.bounded = db.prepare<Params, Result>(sql("AND name < @end"));
    this.unbounded = db.prepare<Params, Result>(sql("")); // an unused @end is ignored
  }

  all(params: Params): Result[] {
    return this.statement(params).all(params);
  }

  get(params: Params): Result | undefined {
    return this.statement(params).get(params);
  }

  private statement(params: Params): Statement<Params, Result> {
    return params.end === "\0" ? this.unbounded : this.bounded;
  }
}

export class Queries {
  private readonly insertRow: Statement<[NewRow]>;
  private readonly latestRow: Statement<[string], Row>;
  private readonly latestRowAt: Statement<[string, number], Row>;
  private readonly latestInRange: RangeQuery<{ start: string; end: string; revision: number; limit: number }, Row>;
  private readonly countInRange: RangeQuery<{ start: string; end: string; revision: number }, { n: number }>;
  private readonly rowsSince: RangeQuery<{ start: string; end: string; from: number; limit: number }, Row>;
  private readonly leasedRows: Statement<[], Row>;
  private readonly lastId: Statement<[], { seq: number }>;
  private readonly readMeta: Statement<[MetaKey], { value: number }>;
  private readonly writeMeta: Statement<[MetaKey, number]>;
  private readonly deleteSuperseded: Statement<{ after: number; through: number }>;
  private readonly deleteTombstones: Statement<{ after: number; through: number; compacted: number }>;

  /** Creates the tables if they are missing and prepares every statement. */
  constructor(db: Database) {
    db.exec(SCHEMA);
    this.insertRow = db.prepare(`
      INSERT INTO kine (name, created, deleted, create_revision, prev_revision, lease, value, old_value, old_lease)
      VALUES (@name, @created, @deleted, @create_revision, @prev_revision, @lease, @value, @old_value, @old_lease)`);
    this.latestRow = db.prepare(`SELECT * FROM kine WHERE name = ? ORDER BY id DESC LIMIT 1`);
    this.latestRowAt = db.prepare(`SELECT * FROM kine WHERE name = ? AND id <= ? ORDER BY id DESC LIMIT 1`);
    // Walks the (name, id) index in key order and keeps a row when it is its
    // key's latest as of @revision, so a LIMIT stops the walk early.
    this.latestInRange = new RangeQuery(db, (upperBound) => `
      SELECT * FROM kine AS r
      WHERE name >= @start ${upperBound}
        AND r.id = (SELECT MAX(id) FROM kine WHERE name = r.name AND id <= @revision)
        AND r.deleted = 0
      ORDER BY r.name
      LIMIT @limit`);
    this.countInRange = new RangeQuery(db, (upperBound) => `
      SELECT COUNT(*) AS n FROM kine AS r
      WHERE name >= @start ${upperBound}
        AND r.id = (SELECT MAX(id) FROM kine WHERE name = r.name AND id <= @revision)
        AND r.deleted = 0`);
    // NOT INDEXED: walk the log by id from @from (the history a watcher needs)
    // rather than every row of the prefix through the name index.
    this.rowsSince = new RangeQuery(db, (upperBound) => `
      SELECT * FROM kine NOT INDEXED
      WHERE id >= @from AND name >= @start ${upperBound}
      ORDER BY id
      LIMIT @limit`);
    // A full scan, run once at open.
    this.leasedRows = db.prepare(`
      SELECT * FROM kine AS r
      WHERE r.lease > 0 AND r.deleted = 0
        AND r.id = (SELECT MAX(id) FROM kine WHERE name = r.name)`);
    // AUTOINCREMENT remembers the highest id ever handed out here, even when
    // compaction has deleted that row; no entry yet means an empty store.
    this.lastId = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'kine'`);
    this.readMeta = db.prepare(`SELECT value FROM meta WHERE key = ?`);
    this.writeMeta = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    // Compaction, one window of revisions (after, through] at a time: every row
    // in the window supersedes the row it points to, which no read at a
    // revision >= the window's end can see any more...
    this.deleteSuperseded = db.prepare(`
      DELETE FROM kine WHERE id IN (
        SELECT prev_revision FROM kine WHERE id > @after AND id <= @through AND prev_revision > 0)`);
    // ...and tombstones below the compacted revision are not needed either: a
    // read finding no row for a key sees it absent, as the tombstone said.
    // The tombstone at the compacted revision itself stays, to be watched; the
    // window includes @after so that the next compaction removes it.
    this.deleteTombstones = db.prepare(`
      DELETE FROM kine WHERE id >= @after AND id <= @through AND id < @compacted AND deleted = 1`);
  }

  /** Appends a row and returns its id, the new revision. */
  insert(row: NewRow): number {
    return Number(this.insertRow.run(row).lastInsertRowid);
  }

  /** The revision of the last write (0 for an empty store). */
  currentRevision(): number {
    return this.lastId.get()?.seq ?? 0;
  }

  /** The key's latest row (possibly a tombstone), as of `revision` when given. */
  latest(key: string, revision?: number): Row | undefined {
    return revision === undefined ? this.latestRow.get(key) : this.latestRowAt.get(key, revision);
  }

  /** Live keys in [start, end) as of `revision`, sorted by key; limit < 0 means no limit. */
  liveRows(start: string, end: string, revision: number, limit: number): Row[] {
    return this.latestInRange.all({ start, end, revision, limit });
  }

  /** How many live keys [start, end) holds as of `revision`. */
  countLive(start: string, end: string, revision: number): number {
    return this.countInRange.get({ start, end, revision })?.n ?? 0;
  }

  /** The log for keys in [start, end) from revision `from` on, oldest first. */
  rowsFrom(start: string, end: string, from: number, limit: number): Row[] {
    return this.rowsSince.all({ start, end, from, limit });
  }

  /** The current rows of all live keys that have a lease. */
  liveLeasedRows(): Row[] {
    return this.leasedRows.all();
  }

  meta(key: MetaKey): number {
    return this.readMeta.get(key)?.value ?? 0;
  }

  setMeta(key: MetaKey, value: number): void {
    this.writeMeta.run(key, value);
  }

  /** Deletes the history that the revisions (after, through] made obsolete, for a compaction to `compacted`. */
  deleteObsolete(after: number, through: number, compacted: number): void {
    this.deleteSuperseded.run({ after, through });
    this.deleteTombstones.run({ after, through, compacted });
  }
}
