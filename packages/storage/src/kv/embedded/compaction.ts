// Physical compaction: deleting the rows that no read or watch at a revision
// >= the compacted revision can need. The driver first records the new
// compacted revision (from then on older reads fail with CompactedError), then
// calls this to reclaim the space.
//
// It walks the revisions in windows, one short transaction each, yielding to
// the event loop in between so that writes and reads keep flowing. Progress is
// saved with each window, so a compaction cut short by close() or a crash
// resumes where it stopped at the next open.

import type BetterSqlite3 from "better-sqlite3";
import type { Queries } from "./schema.js";

/** Revisions per window. */
const WINDOW = 10_000;

export async function deleteObsoleteHistory(
  db: BetterSqlite3.Database,
  q: Queries,
  shouldStop: () => boolean,
): Promise<void> {
  const compacted = q.meta("compacted_revision");
  let done = q.meta("compaction_done_through");
  const step = db.transaction((after: number, through: number) => {
    q.deleteObsolete(after, through, compacted);
    q.setMeta("compaction_done_through", through);
  });
  while (done < compacted && !shouldStop()) {
    const through = Math.min(done + WINDOW, compacted);
    step(done, through);
    done = through;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
