// The repair of the stored ranges from the stored Services (upstream: the
// cluster IP and node port repair controllers, ipallocator/controller and
// portallocator/controller, started by the post-start hook
// start-service-ip-repair-controllers).
//
// Each run rebuilds a range's bitmap from every Service's cluster IPs (or
// node ports and health check node ports): values a Service holds are
// marked taken (a record that was lost, or a restart after a crash between
// a write and its allocation, is fixed this way), values no Service holds
// are "leaked". A leaked value is kept for REPAIRS_BEFORE_LEAK_CLEANUP runs
// before it is freed, because it may belong to a write in flight on this or
// another API server (allocated, but its Service not stored yet).
//
// The Services are listed after the record is read and the new record is
// written with compare-and-swap on the revision read (range-allocation.ts,
// `rebuild`), so an allocation made meanwhile makes the run start over
// rather than be lost. The first run (at start) also creates the records:
// until then nothing is allocated.

import type { Logger, RESTStorage } from "@tskube/generic-apiserver";
import type { Service } from "../schema.js";
import { type ServiceAllocators, collectNodePorts, isHeadless, needsHealthCheck } from "./allocators.js";
import type { AllocationBitmap } from "./bitmap.js";
import { familyOfIP } from "./ip-address.js";
import type { PersistedRange, RangeAllocation } from "./range-allocation.js";

/** Runs in a row a value must be seen leaked before it is freed (upstream: numRepairsBeforeLeakCleanup). */
export const REPAIRS_BEFORE_LEAK_CLEANUP = 3;

/** How often the repair runs after the first time (upstream: 3 minutes). */
export const DEFAULT_REPAIR_INTERVAL_MS = 3 * 60_000;

export interface ServiceAllocationRepairOptions {
  /** Where the Services are read from. */
  services: RESTStorage<Service>;
  allocators: ServiceAllocators;
  logger?: Logger;
}

/** One value's part in a rebuild: the offset in the range and how it reads in logs. */
interface HeldValue {
  offset: number;
  text: string;
  holder: string;
}

export class ServiceAllocationRepair {
  /** Per range: leaked values (by offset) and the runs left before each is freed. */
  private readonly leaks = new Map<PersistedRange, Map<number, number>>();

  constructor(private readonly opts: ServiceAllocationRepairOptions) {}

  /** Repairs every cluster IP range and the node port range once. */
  async runOnce(): Promise<void> {
    for (const allocator of this.opts.allocators.clusterIPs) {
      await this.repair(allocator.range, (services) =>
        services.flatMap((svc) => {
          const spec = svc.spec ?? {};
          if (spec.type === "ExternalName" || isHeadless(spec)) return [];
          return (spec.clusterIPs ?? []).flatMap((ip) => {
            if (familyOfIP(ip) !== allocator.family) return [];
            const offset = allocator.offsetOf(ip);
            if (offset === null) {
              this.opts.logger?.error(`cluster IP ${ip} of service ${nameOf(svc)} is not within the service CIDR ${allocator.rangeSpec}`);
              return [];
            }
            return [{ offset, text: `cluster IP ${ip}`, holder: nameOf(svc) }];
          });
        }),
        (offset) => `cluster IP ${allocator.ipAt(offset)}`,
      );
    }
    const nodePorts = this.opts.allocators.nodePorts;
    await this.repair(nodePorts.range, (services) =>
      services.flatMap((svc) => {
        const ports = collectNodePorts(svc);
        const hc = svc.spec?.healthCheckNodePort;
        if (needsHealthCheck(svc) && hc && !ports.includes(hc)) ports.push(hc);
        return ports.flatMap((port) => {
          const offset = nodePorts.offsetOf(port);
          if (offset === null) {
            this.opts.logger?.error(`node port ${port} of service ${nameOf(svc)} is not within the port range ${nodePorts.rangeSpec}`);
            return [];
          }
          return [{ offset, text: `node port ${port}`, holder: nameOf(svc) }];
        });
      }),
      (offset) => `node port ${nodePorts.ports.base + offset}`,
    );
  }

  /** Runs `runOnce` every `intervalMs` until `signal` aborts; a failed run is logged and tried again next time. */
  runEvery(intervalMs: number, signal: AbortSignal): void {
    const tick = () => {
      if (signal.aborted) return;
      this.runOnce()
        .catch((err: unknown) => this.opts.logger?.error("repairing the service allocation ranges failed", err))
        .finally(() => {
          if (!signal.aborted) timer = setTimeout(tick, intervalMs).unref();
        });
    };
    let timer = setTimeout(tick, intervalMs).unref();
    signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
  }

  private async repair(range: PersistedRange, held: (services: Service[]) => HeldValue[], describe: (offset: number) => string): Promise<void> {
    let nextLeaks = new Map<number, number>();
    await range.rebuild(async (record) => {
      // May run more than once (a conflicting write): decide afresh from the leaks as of the last finished run.
      const leaks = this.leaks.get(range) ?? new Map<number, number>();
      nextLeaks = new Map();
      const stored = storedBitmap(range, record);
      const rebuilt = range.emptyBitmap();
      for (const value of held(await this.listServices())) {
        if (!rebuilt.allocate(value.offset)) {
          this.opts.logger?.error(`${value.text} of service ${value.holder} is held by another service too`);
          continue;
        }
        if (stored !== null && !stored.has(value.offset)) this.opts.logger?.info(`${value.text} of service ${value.holder} was not marked allocated; repaired`);
        stored?.release(value.offset);
      }
      // What is left in the stored bitmap, no service holds.
      for (const offset of stored?.offsets() ?? []) {
        const runsLeft = (leaks.get(offset) ?? REPAIRS_BEFORE_LEAK_CLEANUP) - 1;
        if (runsLeft > 0) {
          nextLeaks.set(offset, runsLeft);
          rebuilt.allocate(offset);
        } else {
          this.opts.logger?.info(`${describe(offset)} is held by no service; released`);
        }
      }
      return rebuilt;
    });
    this.leaks.set(range, nextLeaks);
  }

  private async listServices(): Promise<Service[]> {
    const list = await this.opts.services.list({ namespace: "", dryRun: false, warnings: [] }, {});
    return list.items;
  }
}

/** The stored bitmap, or null when there is no record or it is of another range (then nothing in it counts). */
function storedBitmap(range: PersistedRange, record: RangeAllocation | null): AllocationBitmap | null {
  if (record === null || record.range !== range.rangeSpec) return null;
  return range.bitmapOf(record);
}

function nameOf(svc: Service): string {
  return `${svc.metadata.namespace ?? ""}/${svc.metadata.name ?? ""}`;
}
