// Cluster IPs of one IP family, from one CIDR of --service-cluster-ip-range
// (upstream: ipallocator.Range over allocator/storage.Etcd).
//
// The usable addresses leave out the network address and, for IPv4, the
// broadcast address: in 10.0.0.0/24, offset 0 is 10.0.0.1 and the last is
// 10.0.0.254. An IPv6 range is used for at most its first 65536 addresses
// (the bitmap would be too large otherwise). The first address is the
// `kubernetes` Service's and is never picked for another Service; the next
// addresses (up to 256 of them, see bitmap.ts) are picked only when the rest
// of the range is full.

import type { Storage } from "@tskube/storage";
import type { BitmapShape, RandomInt } from "./bitmap.js";
import { type CIDR, type IPFamily, cidrContains, formatCIDR, formatIP, parseCIDR, parseIP } from "./ip-address.js";
import { AllocationError, PersistedRange, type RangeAllocation } from "./range-allocation.js";

/** Where the ranges are stored: the primary family's, and the second one's in a dual-stack cluster (upstream's keys). */
export const SERVICE_IPS_KEY = "/ranges/serviceips";
export const SECONDARY_SERVICE_IPS_KEY = "/ranges/secondaryserviceips";

/** The largest range: 2^20 addresses (upstream: a mask of at least /12 for IPv4, /108 for IPv6). */
export const MAX_SERVICE_CIDR_HOST_BITS = 20;
const MAX_IPV6_ADDRESSES = 65536n;

export interface IPAllocatorOptions {
  storage: Storage<RangeAllocation>;
  /** SERVICE_IPS_KEY or SECONDARY_SERVICE_IPS_KEY. */
  key: string;
  random?: RandomInt;
}

export class IPAllocator {
  readonly cidr: CIDR;
  /** The range as text, as it appears in messages and in the stored record: `10.0.0.0/24`. */
  readonly rangeSpec: string;
  readonly range: PersistedRange;
  /** Offset 0: the address after the network address. */
  private readonly base: bigint;

  constructor(cidrText: string, opts: IPAllocatorOptions) {
    const cidr = parseCIDR(cidrText);
    if (cidr === null) throw new Error(`service IP range ${JSON.stringify(cidrText)} is not a valid CIDR`);
    const bits = cidr.family === "IPv4" ? 32 : 128;
    if (bits - cidr.prefixLength > MAX_SERVICE_CIDR_HOST_BITS) {
      throw new Error(`service IP range ${cidrText} is too large; for ${bits}-bit addresses, the mask must be >= ${bits - MAX_SERVICE_CIDR_HOST_BITS}`);
    }
    this.cidr = cidr;
    this.rangeSpec = formatCIDR(cidr);
    this.base = cidr.network + 1n;
    let usable = cidr.family === "IPv6" ? (cidr.size < MAX_IPV6_ADDRESSES ? cidr.size : MAX_IPV6_ADDRESSES) : cidr.size - 1n;
    usable -= 1n; // the network address
    const shape: BitmapShape = { size: Math.max(0, Number(usable)), staticBand: staticBandOf(cidr.size), firstDynamic: 1 };
    this.range = new PersistedRange({
      storage: opts.storage,
      key: opts.key,
      resource: "serviceipallocations",
      rangeSpec: this.rangeSpec,
      shape,
      mismatchMessage: "the provided network does not match the current range",
      ...(opts.random ? { random: opts.random } : {}),
    });
  }

  get family(): IPFamily {
    return this.cidr.family;
  }

  /** The first usable address: the `kubernetes` Service's cluster IP. */
  get firstIP(): string {
    return this.ipAt(0);
  }

  /** The offset of `ip` among the usable addresses, or null when it is not one of them. */
  offsetOf(ip: string): number | null {
    const parsed = parseIP(ip);
    if (parsed === null || !cidrContains(this.cidr, parsed)) return null;
    const offset = parsed.value - this.base;
    return offset >= 0n && offset < BigInt(this.range.shape.size) ? Number(offset) : null;
  }

  ipAt(offset: number): string {
    return formatIP(this.family, this.base + BigInt(offset));
  }

  /** Takes `ip`; throws AllocationError NotInRange or Allocated (upstream's messages). */
  async allocate(ip: string): Promise<void> {
    await this.range.allocate(this.requireOffset(ip), "provided IP is already allocated");
  }

  /** The checks of `allocate` without taking the address (dry runs). */
  async checkFree(ip: string): Promise<void> {
    if (await this.range.has(this.requireOffset(ip))) throw new AllocationError("Allocated", "provided IP is already allocated");
  }

  /** Takes a free address; throws AllocationError Full ("range is full"). */
  async allocateNext(): Promise<string> {
    return this.ipAt(await this.range.allocateNext());
  }

  /** The address `allocateNext` could take now, without taking it (dry runs). */
  async pickFree(): Promise<string> {
    return this.ipAt(await this.range.pickFree(new Set()));
  }

  /** Frees `ip`; an address outside the range or already free is left alone. */
  async release(ip: string): Promise<void> {
    const offset = this.offsetOf(ip);
    if (offset !== null) await this.range.release(offset);
  }

  private requireOffset(ip: string): number {
    const offset = this.offsetOf(ip);
    if (offset === null) {
      throw new AllocationError("NotInRange", `provided IP is not in the valid range. The range of valid IPs is ${this.rangeSpec}`);
    }
    return offset;
  }
}

/** How many of the first addresses are kept for clients that ask for one: size/16, at least 16, at most 256. */
function staticBandOf(cidrSize: bigint): number {
  if (cidrSize <= 16n) return 0;
  const band = cidrSize / 16n;
  return Number(band < 16n ? 16n : band > 256n ? 256n : band);
}
