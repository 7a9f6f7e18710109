// The cluster IP and node port ranges on real storage: what they hand out,
// their messages, and that their state is the stored one.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type TestCoreRegistry, openTestRegistry } from "../../../../test-support.js";
import { IPAllocator, SECONDARY_SERVICE_IPS_KEY, SERVICE_IPS_KEY } from "./ip-allocator.js";
import { PortAllocator } from "./port-allocator.js";
import { AllocationError, type PersistedRange, type RangeAllocation } from "./range-allocation.js";

const first = () => 0;

/** Creates the range's record, empty, as the repair does at start. */
const createRecord = (range: PersistedRange) => range.rebuild(async () => range.emptyBitmap());

async function rejectsWith(call: Promise<unknown>, reason: string, message: string): Promise<void> {
  await assert.rejects(call, (err: unknown) => {
    assert.ok(err instanceof AllocationError, String(err));
    assert.equal(err.reason, reason);
    assert.equal(err.message, message);
    return true;
  });
}

describe("cluster IP and node port ranges", () => {
  let registry: TestCoreRegistry;
  before(() => {
    registry = openTestRegistry();
  });
  after(() => registry.close());
  const storage = () => registry.storage.uncachedStorage<RangeAllocation>();

  it("hands out every usable IPv4 address but the network, broadcast and first ones, then is full; a released one is reused", async () => {
    const ips = new IPAllocator("10.0.0.0/29", { storage: storage(), key: "/ranges/test-v4" });
    await createRecord(ips.range);
    assert.equal(ips.firstIP, "10.0.0.1");
    const handedOut = [];
    for (let i = 0; i < 5; i++) handedOut.push(await ips.allocateNext());
    assert.deepEqual(handedOut.sort(), ["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"]);
    await rejectsWith(ips.allocateNext(), "Full", "range is full");
    // The first address is not handed out, but can be asked for (the kubernetes Service does).
    await ips.allocate("10.0.0.1");
    await rejectsWith(ips.allocate("10.0.0.1"), "Allocated", "provided IP is already allocated");
    const outside = "provided IP is not in the valid range. The range of valid IPs is 10.0.0.0/29";
    await rejectsWith(ips.allocate("10.0.0.0"), "NotInRange", outside);
    await rejectsWith(ips.allocate("10.0.0.7"), "NotInRange", outside);
    await rejectsWith(ips.allocate("10.0.1.1"), "NotInRange", outside);
    await rejectsWith(ips.allocate("fd00::1"), "NotInRange", outside);

    await ips.release("10.0.0.4");
    await ips.release("10.0.0.4"); // already free: nothing happens
    await ips.release("192.0.2.1"); // not in the range: nothing happens
    assert.equal(await ips.allocateNext(), "10.0.0.4");
  });

  it("picks from the upper part of the range first, at random", async () => {
    const ips = new IPAllocator("10.1.0.0/24", { storage: storage(), key: "/ranges/test-band", random: first });
    await createRecord(ips.range);
    // 10.1.0.1 - 10.1.0.16 are kept for clients that ask for them.
    assert.equal(await ips.allocateNext(), "10.1.0.17");
    assert.equal(await ips.allocateNext(), "10.1.0.18");
    const random = new IPAllocator("10.1.0.0/24", { storage: storage(), key: "/ranges/test-random" });
    await createRecord(random.range);
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) seen.add(await random.allocateNext());
    assert.equal(seen.size, 20);
    for (const ip of seen) assert.ok(Number(ip.split(".")[3]) > 16 && Number(ip.split(".")[3]) < 255, ip);
  });

  it("allocates IPv6 addresses (no broadcast address; at most 65536 addresses are used)", async () => {
    const ips = new IPAllocator("fd00:10::/120", { storage: storage(), key: "/ranges/test-v6", random: first });
    await createRecord(ips.range);
    assert.equal(ips.rangeSpec, "fd00:10::/120");
    assert.equal(ips.firstIP, "fd00:10::1");
    assert.equal(await ips.allocateNext(), "fd00:10::11");
    await ips.allocate("fd00:10::ff");
    await ips.allocate("FD00:10:0::20");
    await rejectsWith(ips.allocate("fd00:10::20"), "Allocated", "provided IP is already allocated");
    await rejectsWith(ips.allocate("fd00:10::100"), "NotInRange", "provided IP is not in the valid range. The range of valid IPs is fd00:10::/120");
    const large = new IPAllocator("fd00:20::/108", { storage: storage(), key: "/ranges/test-v6-large" });
    assert.equal(large.range.shape.size, 65535);
    assert.equal(large.offsetOf("fd00:20::ffff"), 65534);
    assert.equal(large.offsetOf("fd00:20::1:0"), null, "past the first 65536 addresses");
    assert.throws(() => new IPAllocator("fd00::/64", { storage: storage(), key: SECONDARY_SERVICE_IPS_KEY }), /the mask must be >= 108/);
    assert.throws(() => new IPAllocator("10.0.0.0/8", { storage: storage(), key: SERVICE_IPS_KEY }), /the mask must be >= 12/);
  });

  it("keeps its state in storage: another allocator on the same record (a restart, another server) sees it", async () => {
    const a = new IPAllocator("10.2.0.0/24", { storage: storage(), key: "/ranges/test-shared" });
    await createRecord(a.range);
    const ip = await a.allocateNext();
    await a.allocate("10.2.0.5");
    const b = new IPAllocator("10.2.0.0/24", { storage: storage(), key: "/ranges/test-shared" });
    await rejectsWith(b.allocate(ip), "Allocated", "provided IP is already allocated");
    await rejectsWith(b.allocate("10.2.0.5"), "Allocated", "provided IP is already allocated");
    await b.release("10.2.0.5");
    await a.allocate("10.2.0.5");
    const record = await storage().get("/ranges/test-shared");
    assert.equal(record.range, "10.2.0.0/24");
    assert.equal(record.kind, "RangeAllocation");
  });

  it("never hands out one address twice when allocators race on one record", async () => {
    const a = new IPAllocator("10.3.0.0/27", { storage: storage(), key: "/ranges/test-race" });
    const b = new IPAllocator("10.3.0.0/27", { storage: storage(), key: "/ranges/test-race" });
    await createRecord(a.range);
    // 29 addresses may be picked (30 usable, the first never): ask for all of them at once, from both.
    const results = await Promise.allSettled(Array.from({ length: 32 }, (_, i) => (i % 2 ? a : b).allocateNext()));
    const ips = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    assert.equal(ips.length, 29);
    assert.equal(new Set(ips).size, 29);
    for (const r of results) if (r.status === "rejected") assert.equal((r.reason as Error).message, "range is full");
  });

  it("allocates nothing before its record exists, nor from a record of another range", async () => {
    const ips = new IPAllocator("10.4.0.0/24", { storage: storage(), key: "/ranges/test-missing" });
    await rejectsWith(ips.allocateNext(), "NotReady", "cannot allocate resources of type serviceipallocations at this time");
    await rejectsWith(ips.allocate("10.4.0.9"), "NotReady", "cannot allocate resources of type serviceipallocations at this time");
    await ips.release("10.4.0.9"); // nothing to release
    await createRecord(ips.range);
    const other = new IPAllocator("10.5.0.0/24", { storage: storage(), key: "/ranges/test-missing" });
    await rejectsWith(other.allocateNext(), "MismatchedRange", "the provided network does not match the current range");
  });

  it("allocates node ports: asked for, free ones from above the lower band, with upstream's messages", async () => {
    const ports = new PortAllocator({ base: 30000, size: 2768 }, { storage: storage(), random: first });
    await rejectsWith(ports.allocateNext(), "NotReady", "cannot allocate resources of type servicenodeportallocations at this time");
    await createRecord(ports.range);
    assert.equal(ports.rangeSpec, "30000-32767");
    await ports.allocate(30080);
    await rejectsWith(ports.allocate(30080), "Allocated", "provided port is already allocated");
    await rejectsWith(ports.allocate(80), "NotInRange", "provided port is not in the valid range. The range of valid ports is 30000-32767");
    await rejectsWith(ports.allocate(32768), "NotInRange", "provided port is not in the valid range. The range of valid ports is 30000-32767");
    // The first 2768/32 = 86 ports are kept for ports asked for by number.
    assert.equal(await ports.allocateNext(), 30086);
    assert.equal(await ports.pickFree(new Set([30087])), 30088);
    await ports.release(30080);
    await ports.allocate(30080);

    const small = new PortAllocator({ base: 40000, size: 2 }, { storage: registry.storage.uncachedStorage<RangeAllocation>() });
    // (Same key as `ports`, another range: refused until the repair rewrites the record.)
    await rejectsWith(small.allocateNext(), "MismatchedRange", "the provided port range does not match the current port range");
    await createRecord(small.range);
    assert.deepEqual([await small.allocateNext(), await small.allocateNext()].sort(), [40000, 40001]);
    await rejectsWith(small.allocateNext(), "Full", "range is full");
  });
});
