import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LeaseManager } from "./leases.js";

/** A lease manager on a fake clock whose grants are recorded. */
function setup(opts: { maxKeysPerLease?: number } = {}) {
  let now = 1_000_000;
  const grants: number[] = [];
  const leases = new LeaseManager({
    grant: async (ttl) => {
      grants.push(ttl);
      return String(grants.length);
    },
    now: () => now,
    ...opts,
  });
  return { leases, grants, advance: (ms: number) => void (now += ms) };
}

describe("LeaseManager", () => {
  it("grants ttl + 5% and reuses the lease while it outlives a new key's TTL", async () => {
    const { leases, grants, advance } = setup();
    assert.equal(await leases.leaseFor(3600), "1");
    assert.deepEqual(grants, [3660], "5% of 3600 s is 180 s, capped at 60 s");
    advance(59_000);
    assert.equal(await leases.leaseFor(3600), "1", "still 1 s of spare lifetime");
    advance(2_000);
    assert.equal(await leases.leaseFor(3600), "2", "the old lease would expire before the new key's TTL");
    assert.deepEqual(grants, [3660, 3660]);
  });

  it("keeps leases apart by TTL", async () => {
    const { leases, grants } = setup();
    assert.equal(await leases.leaseFor(3600), "1");
    assert.equal(await leases.leaseFor(600), "2");
    assert.equal(await leases.leaseFor(3600), "1");
    assert.equal(await leases.leaseFor(600), "2");
    assert.deepEqual(grants, [3660, 630]);
  });

  it("gives short TTLs no extra time, so no reuse", async () => {
    const { leases, grants, advance } = setup();
    await leases.leaseFor(2);
    advance(1);
    await leases.leaseFor(2);
    assert.deepEqual(grants, [2, 2]);
  });

  it("shares one grant between concurrent writers", async () => {
    const { leases, grants } = setup();
    const ids = await Promise.all(Array.from({ length: 10 }, () => leases.leaseFor(300)));
    assert.deepEqual(new Set(ids), new Set(["1"]));
    assert.deepEqual(grants, [315]);
  });

  it("caps the keys per lease", async () => {
    const { leases } = setup({ maxKeysPerLease: 2 });
    assert.deepEqual(
      await Promise.all([leases.leaseFor(300), leases.leaseFor(300), leases.leaseFor(300)]),
      ["1", "1", "2"],
    );
  });

  it("forgets a failed grant", async () => {
    let fail = true;
    const leases = new LeaseManager({
      grant: async () => {
        if (fail) throw new Error("etcd down");
        return "7";
      },
    });
    await assert.rejects(leases.leaseFor(3600), /etcd down/);
    fail = false;
    assert.equal(await leases.leaseFor(3600), "7");
  });
});
