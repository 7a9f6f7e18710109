// A range's allocations, kept in storage (upstream: the RangeAllocation
// objects at /registry/ranges/serviceips and /registry/ranges/servicenodeports,
// and allocator/storage.Etcd that updates them).
//
// The record holds the range as text and the bitmap of taken values. Every
// change is a guaranteedUpdate of the record: read it, change the bitmap,
// write it back with compare-and-swap on the revision read, and start over
// if another writer (this server or another one on the same etcd) got there
// first. So two API servers never hand out the same value, and a restarted
// server carries on from what is stored. Within one process the operations
// on a range run one at a time, which saves the losing side of a race its
// retry.
//
// The record is created by the repair (repair.ts) at start, from the stored
// Services; until it exists, nothing is allocated ("not ready"), so a lost
// record can never lead to handing out values that Services still hold.

import type { KubeObject } from "@tskube/apimachinery";
import { type Storage, isStorageError } from "@tskube/storage";
import { AllocationBitmap, type BitmapShape, type RandomInt } from "./bitmap.js";

/** The stored record of one range. */
export interface RangeAllocation extends KubeObject {
  /** The range, as `10.0.0.0/24` or `30000-32767`. */
  range: string;
  /** The bitmap of taken offsets, base64. */
  data: string;
}

export type AllocationErrorReason = "NotInRange" | "Allocated" | "Full" | "NotReady" | "MismatchedRange";

/** Why a value could not be allocated; the message is upstream's. */
export class AllocationError extends Error {
  constructor(
    readonly reason: AllocationErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "AllocationError";
  }
}

export interface PersistedRangeOptions {
  storage: Storage<RangeAllocation>;
  /** The record's key, e.g. `/ranges/serviceips`. */
  key: string;
  /** The resource named while the record does not exist yet (upstream: serviceipallocations). */
  resource: string;
  /** The range as text; a record of another range is not used until the repair rewrites it. */
  rangeSpec: string;
  shape: BitmapShape;
  /** The message when the stored record is of another range. */
  mismatchMessage: string;
  random?: RandomInt;
}

export class PersistedRange {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: PersistedRangeOptions) {}

  get rangeSpec(): string {
    return this.opts.rangeSpec;
  }

  get shape(): BitmapShape {
    return this.opts.shape;
  }

  /** An empty bitmap of this range. */
  emptyBitmap(): AllocationBitmap {
    return new AllocationBitmap(this.opts.shape);
  }

  /** Takes `offset`; throws AllocationError "Allocated" when it is taken already. */
  allocate(offset: number, allocatedMessage: string): Promise<void> {
    return this.change((bitmap) => {
      if (!bitmap.allocate(offset)) throw new AllocationError("Allocated", allocatedMessage);
    });
  }

  /** Takes a free offset the server may pick; throws AllocationError "Full" when none is left. */
  allocateNext(): Promise<number> {
    return this.change((bitmap) => {
      const offset = bitmap.allocateNext(this.opts.random);
      if (offset === null) throw new AllocationError("Full", "range is full");
      return offset;
    });
  }

  /** Frees `offset` (nothing happens when it is free, or when there is no record). */
  async release(offset: number): Promise<void> {
    if (!(await this.read())?.has(offset)) return;
    await this.change((bitmap) => bitmap.release(offset));
  }

  /** The stored bitmap; null while there is no record. */
  async read(): Promise<AllocationBitmap | null> {
    const record = await this.opts.storage.get(this.opts.key, { ignoreNotFound: true });
    return record === null ? null : this.bitmapOf(record);
  }

  /**
   * For dry runs: a free offset the server would pick now, not counting
   * `taken`; nothing is written. Throws like `allocateNext`.
   */
  async pickFree(taken: ReadonlySet<number>): Promise<number> {
    const bitmap = await this.read();
    if (bitmap === null) throw this.notReady();
    const offset = bitmap.pickFree(this.opts.random, taken);
    if (offset === null) throw new AllocationError("Full", "range is full");
    return offset;
  }

  /** Whether `offset` is taken, for dry runs; throws "NotReady" while there is no record. */
  async has(offset: number): Promise<boolean> {
    const bitmap = await this.read();
    if (bitmap === null) throw this.notReady();
    return bitmap.has(offset);
  }

  /**
   * Replaces the record (the repair). `compute` gets the stored record (null
   * if there is none) and returns the bitmap to store. It runs again if the
   * record changed in the meantime, so whatever it reads after being called
   * (the stored Services) is at least as new as the record it replaces.
   */
  rebuild(compute: (stored: RangeAllocation | null) => Promise<AllocationBitmap>): Promise<void> {
    return this.serialized(async () => {
      await this.opts.storage.guaranteedUpdate(this.opts.key, {
        ignoreNotFound: true,
        tryUpdate: async (current) => this.record(await compute(current)),
      });
    });
  }

  /** Decodes a stored record of this range; another range's record is refused. */
  bitmapOf(record: RangeAllocation): AllocationBitmap {
    if (record.range !== this.opts.rangeSpec) throw new AllocationError("MismatchedRange", this.opts.mismatchMessage);
    return AllocationBitmap.restore(this.opts.shape, record.data);
  }

  private change<R>(fn: (bitmap: AllocationBitmap) => R): Promise<R> {
    return this.serialized(async () => {
      let result: R | undefined;
      await this.opts.storage.guaranteedUpdate(this.opts.key, {
        tryUpdate: (current) => {
          if (current === null) throw this.notReady();
          const bitmap = this.bitmapOf(current);
          result = fn(bitmap);
          return { ...current, data: bitmap.snapshot() };
        },
      }).catch((err: unknown) => {
        throw isStorageError(err, "KeyNotFound") ? this.notReady() : err;
      });
      return result as R;
    });
  }

  private record(bitmap: AllocationBitmap): RangeAllocation {
    const name = this.opts.key.slice(this.opts.key.lastIndexOf("/") + 1);
    return { apiVersion: "v1", kind: "RangeAllocation", metadata: { name }, range: this.opts.rangeSpec, data: bitmap.snapshot() };
  }

  private notReady(): AllocationError {
    return new AllocationError("NotReady", `cannot allocate resources of type ${this.opts.resource} at this time`);
  }

  /** Runs `fn` after every earlier operation on this range has finished. */
  private serialized<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
