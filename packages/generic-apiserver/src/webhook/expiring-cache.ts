// Answers remembered for a while (upstream: the caches in front of the
// TokenReview and SubjectAccessReview webhooks): a value per key until its
// time is up, at most `maxEntries` of them, the oldest dropped first.

export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value under `key`, unless there is none or it has expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.expires > this.now() ? entry.value : undefined;
  }

  /** Remembers `value` under `key` for `ttlMs`. */
  set(key: string, value: V, ttlMs: number): void {
    // Deleted first so the key counts as the newest (a Map iterates in insertion order).
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
