// Node ports from --service-node-port-range (upstream: portallocator over
// allocator/storage.Etcd). Ports the server picks come from above the first
// size/32 ports (at least 16, at most 128) while there are any, leaving the
// bottom of the range to clients that ask for a port by number.

import type { Storage } from "@tskube/storage";
import type { RandomInt } from "./bitmap.js";
import { AllocationError, PersistedRange, type RangeAllocation } from "./range-allocation.js";

export const SERVICE_NODE_PORTS_KEY = "/ranges/servicenodeports";

/** A range of ports: `base` and the `size` ports from it. */
export interface PortRange {
  base: number;
  size: number;
}

/** `30000-32767`, as upstream prints a port range. */
export function formatPortRange(range: PortRange): string {
  return range.size === 0 ? "" : `${range.base}-${range.base + range.size - 1}`;
}

export interface PortAllocatorOptions {
  storage: Storage<RangeAllocation>;
  random?: RandomInt;
}

export class PortAllocator {
  readonly rangeSpec: string;
  readonly range: PersistedRange;

  constructor(
    readonly ports: PortRange,
    opts: PortAllocatorOptions,
  ) {
    this.rangeSpec = formatPortRange(ports);
    this.range = new PersistedRange({
      storage: opts.storage,
      key: SERVICE_NODE_PORTS_KEY,
      resource: "servicenodeportallocations",
      rangeSpec: this.rangeSpec,
      shape: { size: ports.size, staticBand: staticBandOf(ports.size), firstDynamic: 0 },
      mismatchMessage: "the provided port range does not match the current port range",
      ...(opts.random ? { random: opts.random } : {}),
    });
  }

  offsetOf(port: number): number | null {
    const offset = port - this.ports.base;
    return Number.isInteger(port) && offset >= 0 && offset < this.ports.size ? offset : null;
  }

  /** Takes `port`; throws AllocationError NotInRange or Allocated (upstream's messages). */
  async allocate(port: number): Promise<void> {
    await this.range.allocate(this.requireOffset(port), "provided port is already allocated");
  }

  /** The checks of `allocate` without taking the port (dry runs); `taken` counts as allocated. */
  async checkFree(port: number, taken: ReadonlySet<number> = new Set()): Promise<void> {
    const offset = this.requireOffset(port);
    if (taken.has(port) || (await this.range.has(offset))) throw new AllocationError("Allocated", "provided port is already allocated");
  }

  /** Takes a free port; throws AllocationError Full ("range is full"). */
  async allocateNext(): Promise<number> {
    return this.ports.base + (await this.range.allocateNext());
  }

  /** A port `allocateNext` could take now, other than those in `taken`, without taking it (dry runs). */
  async pickFree(taken: ReadonlySet<number> = new Set()): Promise<number> {
    const offsets = new Set([...taken].map((p) => p - this.ports.base));
    return this.ports.base + (await this.range.pickFree(offsets));
  }

  /** Frees `port`; a port outside the range or already free is left alone. */
  async release(port: number): Promise<void> {
    const offset = this.offsetOf(port);
    if (offset !== null) await this.range.release(offset);
  }

  private requireOffset(port: number): number {
    const offset = this.offsetOf(port);
    if (offset === null) {
      throw new AllocationError("NotInRange", `provided port is not in the valid range. The range of valid ports is ${this.rangeSpec}`);
    }
    return offset;
  }
}

/** size/32 ports, at least 16, at most 128; none for a range of 16 ports or fewer. */
function staticBandOf(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}
