import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventHistory } from "./event-history.js";

interface E {
  revision: number;
  recordedAt: number;
}

const limits = { minEvents: 4, maxEvents: 16, minAgeMs: 1000 };

describe("EventHistory", () => {
  it("replays the events after a revision and moves its window as old events drop out", () => {
    const h = new EventHistory<E>({ ...limits, maxEvents: 4 }, 10);
    assert.equal(h.resumableFrom, 10);
    for (let rev = 11; rev <= 16; rev++) h.add({ revision: rev, recordedAt: 0 }, 5000);
    assert.deepEqual(h.since(0).map((e) => e.revision), [13, 14, 15, 16]);
    assert.equal(h.resumableFrom, 12, "every change after 12 is still here");
    assert.deepEqual(h.since(14).map((e) => e.revision), [15, 16]);
    assert.deepEqual(h.since(16), []);
  });

  it("grows while full of young events, up to its maximum", () => {
    const h = new EventHistory<E>(limits, 0);
    for (let rev = 1; rev <= 40; rev++) h.add({ revision: rev, recordedAt: 100 }, 200);
    assert.equal(h.capacity, 16);
    assert.equal(h.length, 16);
  });

  it("shrinks when even its newest quarter is old, down to its minimum", () => {
    const h = new EventHistory<E>(limits, 0);
    for (let rev = 1; rev <= 16; rev++) h.add({ revision: rev, recordedAt: 0 }, 0);
    assert.equal(h.capacity, 16);
    h.add({ revision: 17, recordedAt: 5000 }, 5000);
    assert.equal(h.capacity, 8);
    assert.ok(h.length <= 8);
    assert.equal(h.since(0).at(-1)?.revision, 17);
  });

  it("forgetThrough and reset move the start of the window", () => {
    const h = new EventHistory<E>(limits, 0);
    for (let rev = 1; rev <= 3; rev++) h.add({ revision: rev, recordedAt: 0 }, 0);
    h.forgetThrough(2);
    assert.equal(h.resumableFrom, 2);
    assert.deepEqual(h.since(0).map((e) => e.revision), [3]);
    h.forgetThrough(9);
    assert.equal(h.resumableFrom, 9);
    assert.equal(h.length, 0);
    h.reset(20);
    assert.equal(h.resumableFrom, 20);
    assert.equal(h.capacity, limits.minEvents);
  });
});
