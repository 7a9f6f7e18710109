import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatGoDuration, parseGoDuration } from "./go-duration.js";

describe("Go durations", () => {
  it("parse as Go does", () => {
    assert.equal(parseGoDuration("5m"), 300_000);
    assert.equal(parseGoDuration("1h2m3.5s"), 3_723_500);
    assert.equal(parseGoDuration("250ms"), 250);
    assert.equal(parseGoDuration("0"), 0);
    assert.equal(parseGoDuration("-1s"), -1000);
    assert.throws(() => parseGoDuration("5"), /time: missing unit in duration "5"/);
    assert.throws(() => parseGoDuration("5d"), /time: unknown unit "d" in duration "5d"/);
    assert.throws(() => parseGoDuration(""), /time: invalid duration ""/);
  });

  it("print as Go does", () => {
    assert.equal(formatGoDuration(300_000), "5m0s");
    assert.equal(formatGoDuration(60_000), "1m0s");
    assert.equal(formatGoDuration(0), "0s");
    assert.equal(formatGoDuration(3_723_500), "1h2m3.5s");
    assert.equal(formatGoDuration(250), "250ms");
  });
});
