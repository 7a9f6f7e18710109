// Service cluster IP and node port allocation: the ranges kept in storage,
// the service-level rules, the services storage that applies them, and the
// repair. Built once per server from --service-cluster-ip-range and
// --service-node-port-range (createServiceAllocators).

import type { Logger } from "@tskube/generic-apiserver";
import type { StorageFactory } from "../../../../../registry/storage-factory.js";
import { ServiceAllocators } from "./allocators.js";
import type { RandomInt } from "./bitmap.js";
import { IPAllocator, SECONDARY_SERVICE_IPS_KEY, SERVICE_IPS_KEY } from "./ip-allocator.js";
import { type PortRange, PortAllocator } from "./port-allocator.js";
import type { RangeAllocation } from "./range-allocation.js";

export { ServiceAllocators, type AllocationTransaction } from "./allocators.js";
export { IPAllocator, MAX_SERVICE_CIDR_HOST_BITS, SERVICE_IPS_KEY, SECONDARY_SERVICE_IPS_KEY } from "./ip-allocator.js";
export { PortAllocator, SERVICE_NODE_PORTS_KEY, formatPortRange, type PortRange } from "./port-allocator.js";
export { AllocationError, type RangeAllocation } from "./range-allocation.js";
export { ServiceStorage, withServiceAllocation, keepAllocatedValues } from "./service-storage.js";
export { ServiceAllocationRepair, REPAIRS_BEFORE_LEAK_CLEANUP, DEFAULT_REPAIR_INTERVAL_MS } from "./repair.js";
export { parseCIDR, formatCIDR, formatIP, parseIP, type CIDR, type IPFamily } from "./ip-address.js";

/** Upstream's defaults of --service-cluster-ip-range and --service-node-port-range. */
export const DEFAULT_SERVICE_CLUSTER_IP_RANGE = "10.0.0.0/24";
export const DEFAULT_SERVICE_NODE_PORT_RANGE: PortRange = { base: 30000, size: 2768 };

export interface ServiceAllocatorsConfig {
  storage: StorageFactory;
  /** One CIDR, or two of different families (dual-stack); the first is the primary. Default 10.0.0.0/24. */
  clusterIPRanges?: readonly string[];
  /** Default 30000-32767. */
  nodePortRange?: PortRange;
  logger?: Logger;
  /** The random choice of free values; tests pass a fixed one. */
  random?: RandomInt;
}

export function createServiceAllocators(config: ServiceAllocatorsConfig): ServiceAllocators {
  const storage = config.storage.uncachedStorage<RangeAllocation>();
  const random = config.random ? { random: config.random } : {};
  const ranges = config.clusterIPRanges ?? [DEFAULT_SERVICE_CLUSTER_IP_RANGE];
  return new ServiceAllocators({
    clusterIPs: ranges.map((cidr, i) => new IPAllocator(cidr, { storage, key: i === 0 ? SERVICE_IPS_KEY : SECONDARY_SERVICE_IPS_KEY, ...random })),
    nodePorts: new PortAllocator(config.nodePortRange ?? DEFAULT_SERVICE_NODE_PORT_RANGE, { storage, ...random }),
    ...(config.logger ? { logger: config.logger } : {}),
  });
}
