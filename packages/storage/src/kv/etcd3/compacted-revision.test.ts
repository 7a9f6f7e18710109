import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findCompactedRevision } from "./compacted-revision.js";

/** A store compacted at `compacted` with current revision `current`, counting probes. */
function store(compacted: number, current: number) {
  let probes = 0;
  return {
    readable: async (revision: number) => {
      probes++;
      return revision >= compacted;
    },
    currentRevision: async () => current,
    probes: () => probes,
  };
}

describe("findCompactedRevision", () => {
  it("confirms a known compacted revision with one read", async () => {
    const s = store(500, 10_000);
    assert.equal(await findCompactedRevision(500, s.readable, s.currentRevision), 500);
    assert.equal(s.probes(), 1);
  });

  it("answers 0 for a store never compacted", async () => {
    const s = store(0, 10_000);
    assert.equal(await findCompactedRevision(0, s.readable, s.currentRevision), 0);
  });

  it("finds a newer compaction by binary search", async () => {
    for (const compacted of [2, 3, 777, 9_999, 10_000]) {
      const s = store(compacted, 10_000);
      assert.equal(await findCompactedRevision(1, s.readable, s.currentRevision), compacted);
      assert.ok(s.probes() <= 16, `${s.probes()} probes`);
    }
  });
});
