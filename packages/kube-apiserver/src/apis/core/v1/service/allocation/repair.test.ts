// The repair of the ranges from the stored Services: a lost record, values
// no Service holds, values a Service holds that the record lost, a changed
// range, and an allocation made while the repair runs.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { RESTStorage } from "@tskube/generic-apiserver";
import { type TestCoreRegistry, openTestRegistry, rejects, scope } from "../../../../test-support.js";
import { serviceDefinition } from "../definition.js";
import type { Service } from "../schema.js";
import { REPAIRS_BEFORE_LEAK_CLEANUP, ServiceAllocationRepair, createServiceAllocators, withServiceAllocation } from "./index.js";
import { SERVICE_IPS_KEY } from "./ip-allocator.js";
import { SERVICE_NODE_PORTS_KEY } from "./port-allocator.js";
import type { RangeAllocation } from "./range-allocation.js";
import { openTestServices, testService } from "./test-support.js";

const ns = scope("default");

describe("repair of the service allocation ranges", () => {
  let registry: TestCoreRegistry;
  beforeEach(() => {
    registry = openTestRegistry();
  });
  afterEach(() => registry.close());

  const deleteRecords = async () => {
    const storage = registry.storage.uncachedStorage<RangeAllocation>();
    await storage.delete(SERVICE_IPS_KEY);
    await storage.delete(SERVICE_NODE_PORTS_KEY);
  };

  it("rebuilds lost records from the stored Services (a restart on a store whose records are gone)", async () => {
    const { services } = await openTestServices(registry);
    const web = await services.main.create(ns, testService("web", { type: "NodePort", ports: [{ port: 80 }] }));
    const lb = await services.main.create(ns, testService("lb", { type: "LoadBalancer", externalTrafficPolicy: "Local", ports: [{ port: 443, nodePort: 30043 }] }));
    await deleteRecords();
    const refused = await rejects(services.main.create(ns, testService("later", { ports: [{ port: 80 }] })), 500);
    assert.equal(refused.message, "Internal error occurred: failed to allocate a serviceIP: cannot allocate resources of type serviceipallocations at this time");

    // "Restart": new allocators and repair on the same storage.
    const restarted = createServiceAllocators({ storage: registry.storage });
    await new ServiceAllocationRepair({ services: services.main, allocators: restarted }).runOnce();
    const ips = restarted.clusterIPs[0];
    assert.ok(ips);
    const bitmap = await ips.range.read();
    for (const s of [web, lb]) assert.equal(bitmap?.has(ips.offsetOf(s.spec?.clusterIP ?? "") ?? -1), true, s.metadata.name);
    const ports = await restarted.nodePorts.range.read();
    const held = [web.spec?.ports?.[0]?.nodePort, 30043, lb.spec?.healthCheckNodePort];
    for (const port of held) assert.equal(ports?.has(restarted.nodePorts.offsetOf(port ?? 0) ?? -1), true, String(port));
    assert.equal(ports?.offsets().length, 3);

    // So nothing is handed out twice.
    const again = withServiceAllocation(registry.storeFor(serviceDefinition), restarted);
    const clash = await rejects(again.main.create(ns, testService("copy", { clusterIP: web.spec?.clusterIP, ports: [{ port: 80 }] })), 422);
    assert.match(clash.message ?? "", /provided IP is already allocated/);
    await rejects(again.main.create(ns, testService("copy", { type: "NodePort", ports: [{ port: 80, nodePort: 30043 }] })), 422);
  });

  it(`frees a value no Service holds on the ${REPAIRS_BEFORE_LEAK_CLEANUP}rd run that finds it, and marks one a Service holds`, async () => {
    const { services, allocators, repair } = await openTestServices(registry);
    const ips = allocators.clusterIPs[0];
    assert.ok(ips);
    const taken = async (ip: string) => (await ips.range.read())?.has(ips.offsetOf(ip) ?? -1);
    await ips.allocate("10.0.0.77"); // a create that died between allocating and storing its Service
    const held = await services.main.create(ns, testService("held", { clusterIP: "10.0.0.78", ports: [{ port: 80 }] }));
    await ips.release(held.spec?.clusterIP ?? ""); // the record lost a value a Service holds
    await allocators.nodePorts.allocate(30077);

    await repair.runOnce();
    assert.equal(await taken("10.0.0.77"), true, "first run: may belong to a write in flight");
    assert.equal(await taken("10.0.0.78"), true, "held by a Service: marked again");
    await repair.runOnce();
    assert.equal(await taken("10.0.0.77"), true, "second run");
    await repair.runOnce();
    assert.equal(await taken("10.0.0.77"), false, "third run: freed");
    assert.equal(await taken("10.0.0.78"), true);
    assert.equal((await allocators.nodePorts.range.read())?.has(77), false);
  });

  it("rewrites the record for a changed range, leaving out what lies outside it", async () => {
    const { services } = await openTestServices(registry);
    await services.main.create(ns, testService("old", { clusterIP: "10.0.0.5", ports: [{ port: 80 }] }));
    const changed = createServiceAllocators({ storage: registry.storage, clusterIPRanges: ["10.0.1.0/24"], nodePortRange: { base: 31000, size: 100 } });
    const moved = withServiceAllocation(registry.storeFor(serviceDefinition), changed);
    await rejects(moved.main.create(ns, testService("before-repair", { ports: [{ port: 80 }] })), 500);
    await new ServiceAllocationRepair({ services: moved.main, allocators: changed }).runOnce();
    const record = await registry.storage.uncachedStorage<RangeAllocation>().get(SERVICE_IPS_KEY);
    assert.equal(record.range, "10.0.1.0/24");
    const created = await moved.main.create(ns, testService("new", { type: "NodePort", ports: [{ port: 80 }] }));
    assert.match(created.spec?.clusterIP ?? "", /^10\.0\.1\./);
    const nodePort = created.spec?.ports?.[0]?.nodePort ?? 0;
    assert.ok(nodePort >= 31000 && nodePort < 31100, String(nodePort));
  });

  it("keeps a value allocated while it lists the Services (the record changed: it starts over)", async () => {
    const { services, allocators } = await openTestServices(registry);
    const ips = allocators.clusterIPs[0];
    assert.ok(ips);
    // A record that lacks a Service's IP, so the repair has something to write.
    const held = await services.main.create(ns, testService("held", { ports: [{ port: 80 }] }));
    await ips.release(held.spec?.clusterIP ?? "");
    let lists = 0;
    // Another API server allocates for a Service it has not stored yet, just as the repair reads the Services
        // (an IP of the static band, so never the one "held" was given at random).
    const racing: RESTStorage<Service> = Object.assign(Object.create(services.main) as RESTStorage<Service>, {
      list: async (...args: Parameters<RESTStorage<Service>["list"]>) => {
        if (lists++ === 0) await createServiceAllocators({ storage: registry.storage }).clusterIPs[0]?.allocate("10.0.0.8");
        return services.main.list(...args);
      },
    });
    await new ServiceAllocationRepair({ services: racing, allocators }).runOnce();
    assert.ok(lists >= 3, `the IP range's rebuild listed again after the conflict (${lists} lists)`);
    assert.equal((await ips.range.read())?.has(ips.offsetOf("10.0.0.8") ?? -1), true);
    assert.equal((await ips.range.read())?.has(ips.offsetOf(held.spec?.clusterIP ?? "") ?? -1), true);
  });
});
