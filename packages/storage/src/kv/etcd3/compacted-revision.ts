// Finding etcd's compacted revision.
//
// etcd has no cheap request that returns it (HashKV does, but hashes the
// whole keyspace). What it does have: a read at a revision older than the
// compacted one fails, a read at it or later succeeds. So the driver keeps
// the highest compacted revision it knows of (from its own compactions and
// from etcd's errors and watch cancellations) and checks it with a one-key
// read at that revision: if that read works, nothing newer was compacted
// (one request, the usual case); if not, someone else (another API server,
// etcd's auto-compaction) compacted further, and a binary search over
// (known, current] finds the exact revision in about log2(current) reads.

/** Whether a read at `revision` works (false: it was compacted away). */
export type ReadProbe = (revision: number) => Promise<boolean>;

/** The smallest readable revision from `knownCompacted` on (0 when nothing was ever compacted). */
export async function findCompactedRevision(
  knownCompacted: number,
  readable: ReadProbe,
  currentRevision: () => Promise<number>,
): Promise<number> {
  if (await readable(Math.max(knownCompacted, 1))) return knownCompacted;
  // Invariant: `low` is compacted away, `high` is readable (the current revision always is).
  let low = Math.max(knownCompacted, 1);
  let high = await currentRevision();
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await readable(mid)) high = mid;
    else low = mid;
  }
  return high;
}
