import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { formatGoDurationMs, parseGoDuration } from "./go-duration.js";

describe("parseGoDuration", () => {
  const valid: [string, number][] = [
    ["0", 0],
    ["30s", 30_000],
    ["1m30s", 90_000],
    ["250ms", 250],
    ["1.5h", 5_400_000],
    ["1500us", 1.5],
    ["2µs", 0.002],
    ["-5s", -5000],
    ["+5s", 5000],
    [".5s", 500],
    ["5m", 300_000],
    ["1h2m3.5s", 3_723_500],
  ];
  for (const [text, ms] of valid) {
    it(`reads ${text}`, () => assert.equal(parseGoDuration(text), ms));
  }

  const invalid: [string, string][] = [
    ["", 'time: invalid duration ""'],
    ["soon", 'time: invalid duration "soon"'],
    ["10", 'time: missing unit in duration "10"'],
    ["10x", 'time: unknown unit "x" in duration "10x"'],
    ["1s.", 'time: invalid duration "1s."'],
    ["-", 'time: invalid duration "-"'],
    [".s", 'time: invalid duration ".s"'],
    ["5d", 'time: unknown unit "d" in duration "5d"'],
  ];
  for (const [text, message] of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.throws(() => parseGoDuration(text), { message }));
  }
});

describe("formatGoDurationMs", () => {
  const cases: [number, string][] = [
    [300_000, "5m0s"],
    [60_000, "1m0s"],
    [0, "0s"],
    [3_723_500, "1h2m3.5s"],
    [250, "250ms"],
  ];
  for (const [ms, text] of cases) {
    it(`prints ${ms} ms as ${text}`, () => assert.equal(formatGoDurationMs(ms), text));
  }
});
