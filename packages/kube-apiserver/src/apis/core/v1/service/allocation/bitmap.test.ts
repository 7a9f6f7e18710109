import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AllocationBitmap } from "./bitmap.js";

/** A "random" choice that always starts a scan at the beginning of its band. */
const first = () => 0;

describe("AllocationBitmap", () => {
  it("allocates, reports and releases offsets", () => {
    const bitmap = new AllocationBitmap({ size: 10, staticBand: 0, firstDynamic: 0 });
    assert.equal(bitmap.allocate(3), true);
    assert.equal(bitmap.allocate(3), false, "taken already");
    assert.equal(bitmap.has(3), true);
    assert.equal(bitmap.free(), 9);
    bitmap.release(3);
    bitmap.release(3); // releasing a free offset does nothing
    bitmap.release(99);
    assert.equal(bitmap.has(3), false);
    assert.equal(bitmap.free(), 10);
    assert.throws(() => bitmap.allocate(10), RangeError);
  });

  it("picks from above the static band first, then from the band, never below firstDynamic, then reports full", () => {
    const bitmap = new AllocationBitmap({ size: 8, staticBand: 4, firstDynamic: 1 });
    const picked = Array.from({ length: 7 }, () => bitmap.allocateNext(first));
    assert.deepEqual(picked, [4, 5, 6, 7, 1, 2, 3]);
    assert.equal(bitmap.allocateNext(first), null, "offset 0 is never picked");
    assert.equal(bitmap.has(0), false);
    // It can still be asked for.
    assert.equal(bitmap.allocate(0), true);
  });

  it("starts its scan where the random choice says and wraps around", () => {
    const bitmap = new AllocationBitmap({ size: 6, staticBand: 0, firstDynamic: 0 });
    bitmap.allocate(5);
    assert.equal(bitmap.allocateNext(() => 5), 0, "5 is taken: the scan wraps to 0");
    assert.equal(bitmap.pickFree(() => 2, new Set([2, 3])), 4, "values in `taken` are skipped");
  });

  it("round-trips through its snapshot, which leaves out trailing zero bytes", () => {
    const shape = { size: 100, staticBand: 16, firstDynamic: 1 };
    const bitmap = new AllocationBitmap(shape);
    for (const offset of [0, 9, 17]) bitmap.allocate(offset);
    const data = bitmap.snapshot();
    assert.equal(Buffer.from(data, "base64").length, 3);
    const restored = AllocationBitmap.restore(shape, data);
    assert.deepEqual(restored.offsets(), [0, 9, 17]);
    assert.equal(restored.free(), 97);
    assert.equal(new AllocationBitmap(shape).snapshot(), "");
    // A smaller range ignores what lay past its end.
    assert.deepEqual(AllocationBitmap.restore({ ...shape, size: 10 }, data).offsets(), [0, 9]);
  });
});
