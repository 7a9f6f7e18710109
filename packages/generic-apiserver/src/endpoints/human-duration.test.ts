import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { humanDuration, translateTimestampSince } from "./human-duration.js";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe("humanDuration", () => {
  const cases: [number, string][] = [
    [-2 * s, "<invalid>"],
    [-1 * s, "0s"],
    [0, "0s"],
    [5 * s, "5s"],
    [119 * s, "119s"],
    [2 * m, "2m"],
    [3 * m + 20 * s, "3m20s"],
    [9 * m + 59 * s, "9m59s"],
    [10 * m + 30 * s, "10m"],
    [179 * m, "179m"],
    [3 * h, "3h"],
    [5 * h + 3 * m, "5h3m"],
    [8 * h + 30 * m, "8h"],
    [47 * h, "47h"],
    [2 * d, "2d"],
    [3 * d + 4 * h, "3d4h"],
    [8 * d, "8d"],
    [729 * d, "729d"],
    [2 * y, "2y"],
    [2 * y + 30 * d, "2y30d"],
    [8 * y + 100 * d, "8y"],
  ];
  for (const [ms, text] of cases) {
    it(`${ms}ms is ${text}`, () => assert.equal(humanDuration(ms), text));
  }
});

describe("translateTimestampSince", () => {
  it("measures from the timestamp, and says <unknown> without one", () => {
    const now = Date.parse("2024-01-02T03:04:05Z");
    assert.equal(translateTimestampSince("2024-01-02T03:03:00Z", now), "65s");
    assert.equal(translateTimestampSince(undefined, now), "<unknown>");
    assert.equal(translateTimestampSince("not a time", now), "<unknown>");
  });
});
