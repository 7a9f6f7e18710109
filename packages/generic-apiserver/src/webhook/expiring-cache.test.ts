import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ExpiringCache } from "./expiring-cache.js";

describe("ExpiringCache", () => {
  it("keeps a value for its TTL, and drops the oldest beyond its size", () => {
    let now = 0;
    const cache = new ExpiringCache<string>(2, () => now);
    cache.set("a", "A", 100);
    assert.equal(cache.get("a"), "A");
    now = 100;
    assert.equal(cache.get("a"), undefined, "expired at its TTL");

    cache.set("a", "A", 1_000);
    cache.set("b", "B", 1_000);
    cache.set("a", "A2", 1_000); // a is now the newest
    cache.set("c", "C", 1_000);
    assert.deepEqual([cache.get("a"), cache.get("b"), cache.get("c")], ["A2", undefined, "C"]);
  });
});
