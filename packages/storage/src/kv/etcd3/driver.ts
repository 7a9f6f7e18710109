// The kv driver on a real etcd v3 cluster (the scale-out path: several API
// servers can share one cluster). Each operation is one etcd request, the way
// upstream's etcd3 store does it:
//
//   create  txn: if mod_revision(key) == 0        then put                else get
//   update  txn: if mod_revision(key) == expected then put, get key only  else get
//   delete  txn: if mod_revision(key) == expected then delete (prev kv)   else get
//                (without an expected revision: if mod_revision(key) > 0)
//   reads   range, with limit / revision / count
//
// (plus a lease grant before a write with a TTL, when no lease can be reused).
// See client.ts for the fault handling and watch.ts for watches.

import type { Etcd3, IRangeRequest, IRangeResponse, ITxnRequest, ITxnResponse } from "etcd3";
import { CompactedError, FutureRevisionError, UnavailableError } from "../errors.js";
import type {
  KeyValue,
  KvDriver,
  KvWatch,
  KvWatchCallbacks,
  RangeOptions,
  RangeResult,
  TxnResult,
  WriteOptions,
} from "../types.js";
import { callEtcd, isCompactedError, isFutureRevisionError, isLeaseNotFoundError } from "./call.js";
import { createEtcdClient, type EtcdClientOptions } from "./client.js";
import { findCompactedRevision } from "./compacted-revision.js";
import { int64, keyBytes, toKeyValue, valueBytes } from "./convert.js";
import { parseEndpoints } from "./endpoints.js";
import { LeaseManager } from "./leases.js";
import { EtcdWatch } from "./watch.js";

export interface Etcd3DriverOptions {
  /** etcd client URLs, as `--etcd-servers` takes them (a list, or one comma-separated string). */
  endpoints: string | string[];
  /** Deadline of every request; a call that gets no answer in time fails with UnavailableError. Default 5000. */
  requestTimeoutMs?: number;
  /**
   * How long a watch may be without a connection to etcd (first connect or
   * reconnect) before it ends with UnavailableError. Default: requestTimeoutMs.
   */
  dialTimeoutMs?: number;
  /** Deadline of compact(), which waits for etcd to physically remove old revisions. Default 60000. */
  compactTimeoutMs?: number;
  /** TLS material for https:// endpoints. */
  credentials?: EtcdClientOptions["credentials"];
  /** etcd user and password. */
  auth?: EtcdClientOptions["auth"];
}

/** The key currentRevision() and the compaction probe read: etcd answers with the revision even for no key. */
const PROBE_KEY = Buffer.from([0]);

export function createEtcd3Driver(opts: Etcd3DriverOptions): Etcd3Driver {
  return new Etcd3Driver(opts);
}

export class Etcd3Driver implements KvDriver {
  private readonly client: Etcd3;
  private readonly leases: LeaseManager;
  private readonly watches = new Set<EtcdWatch>();
  private readonly requestTimeoutMs: number;
  private readonly dialTimeoutMs: number;
  private readonly compactTimeoutMs: number;
  /** The highest compacted revision this driver knows of (see compacted-revision.ts). */
  private knownCompacted = 0;
  private closed = false;

  constructor(opts: Etcd3DriverOptions) {
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 5_000;
    this.dialTimeoutMs = opts.dialTimeoutMs ?? this.requestTimeoutMs;
    this.compactTimeoutMs = opts.compactTimeoutMs ?? 60_000;
    const clientOptions: EtcdClientOptions = { endpoints: parseEndpoints(opts.endpoints) };
    if (opts.credentials) clientOptions.credentials = opts.credentials;
    if (opts.auth) clientOptions.auth = opts.auth;
    this.client = createEtcdClient(clientOptions);
    this.leases = new LeaseManager({
      grant: async (ttlSeconds) => {
        const res = await callEtcd("lease grant", this.deadline(), (o) => this.client.leaseClient.leaseGrant({ TTL: ttlSeconds }, o));
        return res.ID;
      },
    });
  }

  async currentRevision(): Promise<number> {
    const res = await callEtcd("range", this.deadline(), (o) => this.client.kv.range({ key: PROBE_KEY, count_only: true }, o));
    return int64(res.header.revision);
  }

  async range(start: string, end: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const revision = opts.revision ?? 0;
    const res = await this.rangeAt(revision, {
      key: keyBytes(start),
      range_end: Buffer.from(end, "utf8"),
      limit: opts.limit ?? 0,
    });
    return {
      kvs: res.kvs.map(toKeyValue),
      more: res.more,
      count: int64(res.count),
      // The header carries the store's current revision, not the one read at.
      revision: revision > 0 ? revision : int64(res.header.revision),
    };
  }

  async get(key: string, opts: { revision?: number } = {}): Promise<{ kv: KeyValue | null; revision: number }> {
    const revision = opts.revision ?? 0;
    const res = await this.rangeAt(revision, { key: keyBytes(key) });
    const kv = res.kvs[0];
    return { kv: kv ? toKeyValue(kv) : null, revision: revision > 0 ? revision : int64(res.header.revision) };
  }

  async count(start: string, end: string): Promise<number> {
    const res = await this.rangeAt(0, { key: keyBytes(start), range_end: Buffer.from(end, "utf8"), count_only: true });
    return int64(res.count);
  }

  async create(key: string, value: Uint8Array, opts: WriteOptions = {}): Promise<TxnResult> {
    const deadline = this.deadline();
    const lease = await this.leaseFor(opts.ttlSeconds);
    const k = keyBytes(key);
    const res = await this.txn("create", deadline, {
      compare: [{ key: k, target: "Mod", result: "Equal", mod_revision: 0 }],
      success: [{ request_put: { key: k, value: valueBytes(value), lease } }],
      failure: [{ request_range: { key: k } }],
    });
    const revision = int64(res.header.revision);
    if (!res.succeeded) return { succeeded: false, revision, kv: rangedKv(res) };
    return {
      succeeded: true,
      revision,
      kv: { key, value, createRevision: revision, modRevision: revision, lease: int64(lease) },
    };
  }

  async update(key: string, value: Uint8Array, expectedModRevision: number, opts: WriteOptions = {}): Promise<TxnResult> {
    const deadline = this.deadline();
    const lease = await this.leaseFor(opts.ttlSeconds);
    const k = keyBytes(key);
    const res = await this.txn("update", deadline, {
      compare: [{ key: k, target: "Mod", result: "Equal", mod_revision: expectedModRevision }],
      // The keys-only read after the put returns the key's revisions (a read
      // in a txn sees the txn's own writes) without sending the value back.
      success: [{ request_put: { key: k, value: valueBytes(value), lease } }, { request_range: { key: k, keys_only: true } }],
      failure: [{ request_range: { key: k } }],
    });
    const revision = int64(res.header.revision);
    if (!res.succeeded) return { succeeded: false, revision, kv: rangedKv(res) };
    const written = res.responses[1]?.response_range?.kvs[0];
    return {
      succeeded: true,
      revision,
      kv: {
        key,
        value,
        createRevision: written ? int64(written.create_revision) : 0,
        modRevision: revision,
        lease: int64(lease),
      },
    };
  }

  async delete(key: string, expectedModRevision?: number): Promise<TxnResult> {
    const k = keyBytes(key);
    const res = await this.txn("delete", this.deadline(), {
      // Unconditional delete: "the key exists", so a missing key takes the
      // failure branch like a failed compare (succeeded: false, kv: null).
      compare:
        expectedModRevision === undefined
          ? [{ key: k, target: "Mod", result: "Greater", mod_revision: 0 }]
          : [{ key: k, target: "Mod", result: "Equal", mod_revision: expectedModRevision }],
      success: [{ request_delete_range: { key: k, prev_kv: true } }],
      failure: [{ request_range: { key: k } }],
    });
    const revision = int64(res.header.revision);
    if (!res.succeeded) return { succeeded: false, revision, kv: rangedKv(res) };
    const deleted = res.responses[0]?.response_delete_range?.prev_kvs[0];
    if (!deleted) throw new Error(`etcd delete of ${key}: the txn succeeded but returned no previous value`);
    return { succeeded: true, revision, kv: toKeyValue(deleted) };
  }

  watch(prefix: string, fromRevision: number, callbacks: KvWatchCallbacks): KvWatch {
    if (this.closed) {
      let cancelled = false;
      setImmediate(() => cancelled || callbacks.onError(new UnavailableError("etcd watch: the driver is closed")));
      return { cancel: () => void (cancelled = true) };
    }
    const watch: EtcdWatch = new EtcdWatch({
      prefix,
      fromRevision,
      callbacks,
      openStream: () => this.client.watchClient.watch(),
      currentRevision: () => this.currentRevision(),
      reconnectTimeoutMs: this.dialTimeoutMs,
      onCompacted: (revision) => this.learnCompacted(revision),
      onEnded: () => this.watches.delete(watch),
    });
    this.watches.add(watch);
    return watch;
  }

  async compact(revision: number): Promise<void> {
    const deadline = Date.now() + this.compactTimeoutMs;
    try {
      // physical: answer only once the old revisions are really gone.
      await callEtcd("compact", deadline, (o) => this.client.kv.compact({ revision, physical: true }, o));
    } catch (err) {
      // Already compacted at or past `revision`: nothing left to do.
      if (isCompactedError(err)) {
        this.learnCompacted(revision);
        return;
      }
      if (isFutureRevisionError(err)) throw new FutureRevisionError(revision, await this.currentRevisionOrBelow(revision));
      throw err;
    }
    this.learnCompacted(revision);
  }

  async compactedRevision(): Promise<number> {
    const deadline = this.deadline();
    const readable = async (revision: number): Promise<boolean> => {
      try {
        await callEtcd("range", deadline, (o) => this.client.kv.range({ key: PROBE_KEY, revision, count_only: true }, o));
        return true;
      } catch (err) {
        if (isCompactedError(err)) return false;
        throw err;
      }
    };
    this.learnCompacted(await findCompactedRevision(this.knownCompacted, readable, () => this.currentRevision()));
    return this.knownCompacted;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const watch of this.watches) watch.cancel();
    this.watches.clear();
    this.leases.forgetAll();
    this.client.close();
  }

  private deadline(): number {
    return Date.now() + this.requestTimeoutMs;
  }

  /** A range read at `revision` (0 = latest), with etcd's revision errors as kv errors. */
  private async rangeAt(revision: number, request: IRangeRequest): Promise<IRangeResponse> {
    try {
      return await callEtcd("range", this.deadline(), (o) => this.client.kv.range({ ...request, revision }, o));
    } catch (err) {
      if (isCompactedError(err)) throw new CompactedError(revision, await this.compactedRevisionAfterError(revision));
      if (isFutureRevisionError(err)) throw new FutureRevisionError(revision, await this.currentRevisionOrBelow(revision));
      throw err;
    }
  }

  private async txn(what: string, deadline: number, request: ITxnRequest): Promise<ITxnResponse> {
    try {
      return await callEtcd(what, deadline, (o) => this.client.kv.txn(request, o));
    } catch (err) {
      if (isLeaseNotFoundError(err)) {
        // The shared lease is gone (etcd lost or revoked it): grant a new one next time.
        this.leases.forgetAll();
        throw new UnavailableError(`etcd ${what}: the lease for the key's TTL expired; retry`, { cause: err });
      }
      throw err;
    }
  }

  /** The lease ID for a write ("0" = no lease). */
  private async leaseFor(ttlSeconds: number | undefined): Promise<string> {
    return ttlSeconds !== undefined && ttlSeconds > 0 ? this.leases.leaseFor(ttlSeconds) : "0";
  }

  private learnCompacted(revision: number): void {
    this.knownCompacted = Math.max(this.knownCompacted, revision);
  }

  /** After a read at `revision` failed as compacted: the compacted revision (at least revision + 1). */
  private async compactedRevisionAfterError(revision: number): Promise<number> {
    this.learnCompacted(revision + 1);
    try {
      return await this.compactedRevision();
    } catch {
      return this.knownCompacted;
    }
  }

  /** For a FutureRevisionError: the current revision, or (if etcd cannot say) one below the requested one. */
  private async currentRevisionOrBelow(requested: number): Promise<number> {
    try {
      return await this.currentRevision();
    } catch {
      return requested - 1;
    }
  }
}

/** The key a txn's failure branch read (null if it does not exist). */
function rangedKv(res: ITxnResponse): KeyValue | null {
  const kv = res.responses[0]?.response_range?.kvs[0];
  return kv ? toKeyValue(kv) : null;
}
