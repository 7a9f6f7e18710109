// For the allocation tests: the services storage with allocation on a test
// registry's storage, with the range records created as at server start.

import type { ResourceStorage } from "@tskube/generic-apiserver";
import { type TestCoreRegistry, decode } from "../../../../test-support.js";
import { serviceDefinition } from "../definition.js";
import type { Service } from "../schema.js";
import type { RandomInt } from "./bitmap.js";
import { type PortRange, type ServiceAllocators, ServiceAllocationRepair, createServiceAllocators, withServiceAllocation } from "./index.js";

export interface TestServices {
  services: ResourceStorage<Service>;
  allocators: ServiceAllocators;
  repair: ServiceAllocationRepair;
}

export async function openTestServices(
  registry: TestCoreRegistry,
  config: { clusterIPRanges?: string[]; nodePortRange?: PortRange; random?: RandomInt } = {},
): Promise<TestServices> {
  const allocators = createServiceAllocators({ storage: registry.storage, ...config });
  const services = withServiceAllocation(registry.storeFor(serviceDefinition), allocators);
  const repair = new ServiceAllocationRepair({ services: services.main, allocators });
  await repair.runOnce();
  return { services, allocators, repair };
}

/** A Service in `default`, decoded and defaulted as a request body is. */
export function testService(name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Service {
  return decode(serviceDefinition, { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default", ...metadata }, spec });
}
