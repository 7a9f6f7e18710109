// Leases for keys with a TTL (events, for instance), shared between writes.
//
// A key expires with the lease it is attached to. Granting a lease per write
// would double the requests and leave etcd tracking one lease per key, so,
// like upstream's leaseManager, a lease is granted for a little longer than
// asked (5% of the TTL, at most 60 s) and reused by later writes with the
// same TTL as long as it still outlives their TTL. A key therefore lives
// between ttl and ttl + 5% seconds. A lease also takes at most
// `maxKeysPerLease` keys, so that its expiry deletes a bounded batch.
// Short TTLs (under 20 s) get no extra time, hence no reuse: each such write
// gets its own lease.

export interface LeaseManagerOptions {
  /** Grant a lease of `ttlSeconds`; resolves to its ID (an int64 as a string). */
  grant(ttlSeconds: number): Promise<string>;
  /** Extra lifetime, as a fraction of the TTL; default 0.05. */
  reuseFraction?: number;
  /** Cap on the extra lifetime; default 60 s. */
  maxReuseSeconds?: number;
  /** Keys per lease before a new one is granted; default 1000. */
  maxKeysPerLease?: number;
  now?: () => number;
}

interface SharedLease {
  id: Promise<string>;
  /** When the lease expires at the earliest (ms; etcd starts counting after our request). */
  expiresAt: number;
  keys: number;
}

export class LeaseManager {
  private readonly byTtl = new Map<number, SharedLease>();
  private readonly reuseFraction: number;
  private readonly maxReuseSeconds: number;
  private readonly maxKeysPerLease: number;
  private readonly now: () => number;

  constructor(private readonly opts: LeaseManagerOptions) {
    this.reuseFraction = opts.reuseFraction ?? 0.05;
    this.maxReuseSeconds = opts.maxReuseSeconds ?? 60;
    this.maxKeysPerLease = opts.maxKeysPerLease ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  /** A lease ID that keeps a key for at least `ttlSeconds` (rounded up to whole seconds). */
  async leaseFor(ttlSeconds: number): Promise<string> {
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    const now = this.now();
    const current = this.byTtl.get(ttl);
    // Reusable while a key attached now would still get its full TTL. A grant
    // still in flight counts too, so concurrent writers share one grant.
    if (current && current.keys < this.maxKeysPerLease && now + ttl * 1000 <= current.expiresAt) {
      current.keys++;
      return current.id;
    }
    const extra = Math.min(Math.floor(ttl * this.reuseFraction), this.maxReuseSeconds);
    const lease: SharedLease = { id: this.opts.grant(ttl + extra), expiresAt: now + (ttl + extra) * 1000, keys: 1 };
    this.byTtl.set(ttl, lease);
    lease.id.catch(() => this.forget(lease));
    return lease.id;
  }

  /** Stop reusing every lease (e.g. etcd said one no longer exists). */
  forgetAll(): void {
    this.byTtl.clear();
  }

  private forget(lease: SharedLease): void {
    for (const [ttl, l] of this.byTtl) {
      if (l === lease) this.byTtl.delete(ttl);
    }
  }
}
