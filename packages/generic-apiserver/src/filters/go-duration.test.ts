import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseGoDuration } from "./go-duration.js";

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
  ];
  for (const [text, ms] of valid) {
    it(`reads ${text}`, () => assert.equal(parseGoDuration(text), ms));
  }

  const invalid: [string, string][] = [
    ["", 'time: invalid duration ""'],
    ["soon", 'time: invalid duration "soon"'],
    ["10", 'time: missing unit in duration "10"'],
    ["10x", 'time: unknown unit "x" in duration "10x"'],
    ["1s.", 'time: missing unit in duration "1s."'],
    ["-", 'time: invalid duration "-"'],
  ];
  for (const [text, message] of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.throws(() => parseGoDuration(text), { message }));
  }
});
