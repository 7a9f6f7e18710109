// CEL's standard functions and operators: arithmetic (with int64/uint64
// overflow errors), comparisons, size, string tests, conversions, and
// timestamp/duration arithmetic and accessors.

import { translateGoRegexp } from "../../schema/regexp.js";
import { A, type CelType, K, T, V } from "../types.js";
import {
  Duration, EvalError, MapValue, Timestamp, TypeValue, UInt, type Value,
  celCompare, celEquals, checkInt, checkUint, typeNameOf, unorderedLists,
} from "../values.js";
import { type Overload, fn, linearCost, method } from "./overload.js";
import { checkDuration, checkTimestamp, formatDuration, formatTimestamp, parseDuration, parseTimestamp, timestampParts } from "./time.js";

const i = (v: Value) => v as bigint;
const u = (v: Value) => (v as UInt).value;
const d = (v: Value) => v as number;
const s = (v: Value) => v as string;
const codePoints = (str: string) => Array.from(str);

function arithmetic(): Overload[] {
  const out: Overload[] = [];
  const ops: [string, (a: bigint, b: bigint) => bigint, (a: number, b: number) => number][] = [
    ["_+_", (a, b) => a + b, (a, b) => a + b],
    ["_-_", (a, b) => a - b, (a, b) => a - b],
    ["_*_", (a, b) => a * b, (a, b) => a * b],
  ];
  for (const [name, big, num] of ops) {
    out.push(fn(name, [T.int, T.int], T.int, (a, b) => checkInt(big(i(a), i(b)))));
    out.push(fn(name, [T.uint, T.uint], T.uint, (a, b) => checkUint(big(u(a), u(b)))));
    out.push(fn(name, [T.double, T.double], T.double, (a, b) => num(d(a), d(b))));
  }
  out.push(
    fn("_/_", [T.int, T.int], T.int, (a, b) => {
      if (i(b) === 0n) throw new EvalError("division by zero");
      return checkInt(i(a) / i(b));
    }),
    fn("_/_", [T.uint, T.uint], T.uint, (a, b) => {
      if (u(b) === 0n) throw new EvalError("division by zero");
      return new UInt(u(a) / u(b));
    }),
    fn("_/_", [T.double, T.double], T.double, (a, b) => d(a) / d(b)),
    fn("_%_", [T.int, T.int], T.int, (a, b) => {
      if (i(b) === 0n) throw new EvalError("modulus by zero");
      return i(a) % i(b);
    }),
    fn("_%_", [T.uint, T.uint], T.uint, (a, b) => {
      if (u(b) === 0n) throw new EvalError("modulus by zero");
      return new UInt(u(a) % u(b));
    }),
    fn("-_", [T.int], T.int, (a) => checkInt(-i(a))),
    fn("-_", [T.double], T.double, (a) => -d(a)),
    fn("!_", [T.bool], T.bool, (a) => !(a as boolean)),
    fn("_+_", [T.string, T.string], T.string, (a, b) => s(a) + s(b), linearCost),
    fn("_+_", [T.bytes, T.bytes], T.bytes, (a, b) => new Uint8Array([...(a as Uint8Array), ...(b as Uint8Array)]), linearCost),
    fn("_+_", [T.list(A), T.list(A)], T.list(A), (a, b) => concatLists(a as readonly Value[], b as readonly Value[]), linearCost),
    fn("_+_", [T.timestamp, T.duration], T.timestamp, (a, b) => checkTimestamp((a as Timestamp).nanos + (b as Duration).nanos)),
    fn("_+_", [T.duration, T.timestamp], T.timestamp, (a, b) => checkTimestamp((a as Duration).nanos + (b as Timestamp).nanos)),
    fn("_+_", [T.duration, T.duration], T.duration, (a, b) => checkDuration((a as Duration).nanos + (b as Duration).nanos)),
    fn("_-_", [T.timestamp, T.timestamp], T.duration, (a, b) => checkDuration((a as Timestamp).nanos - (b as Timestamp).nanos)),
    fn("_-_", [T.timestamp, T.duration], T.timestamp, (a, b) => checkTimestamp((a as Timestamp).nanos - (b as Duration).nanos)),
    fn("_-_", [T.duration, T.duration], T.duration, (a, b) => checkDuration((a as Duration).nanos - (b as Duration).nanos)),
  );
  return out;
}

function concatLists(a: readonly Value[], b: readonly Value[]): readonly Value[] {
  const out = [...a, ...b];
  if (unorderedLists.has(a)) unorderedLists.add(out);
  return out;
}

function comparisons(): Overload[] {
  const out: Overload[] = [];
  const ordered: CelType[] = [T.int, T.uint, T.double, T.string, T.bytes, T.bool, T.timestamp, T.duration];
  const numbers: CelType[] = [T.int, T.uint, T.double];
  const ops: [string, (c: number) => boolean][] = [
    ["_<_", (c) => c < 0], ["_<=_", (c) => c <= 0], ["_>_", (c) => c > 0], ["_>=_", (c) => c >= 0],
  ];
  for (const [name, test] of ops) {
    for (const t of ordered) out.push(fn(name, [t, t], T.bool, (a, b) => test(celCompare(a, b)), linearCost));
    for (const x of numbers) for (const y of numbers) if (x !== y) out.push(fn(name, [x, y], T.bool, (a, b) => test(celCompare(a, b))));
  }
  out.push(
    fn("_==_", [A, A], T.bool, (a, b) => celEquals(a, b), linearCost),
    fn("_!=_", [A, A], T.bool, (a, b) => !celEquals(a, b), linearCost),
    fn("@in", [A, T.list(A)], T.bool, (x, l) => (l as readonly Value[]).some((y) => celEquals(x, y)), (sz) => Math.ceil((sz[1] ?? 0) * 1)),
    fn("@in", [K, T.map(K, V)], T.bool, (x, m) => (m as MapValue).has(x)),
  );
  return out;
}

const sizeImpl = (v: Value): Value => {
  if (typeof v === "string") return BigInt(codePoints(v).length);
  if (v instanceof Uint8Array || Array.isArray(v)) return BigInt(v.length);
  if (v instanceof MapValue) return BigInt(v.size);
  throw new EvalError("no such overload");
};

function sizes(): Overload[] {
  const out: Overload[] = [];
  for (const t of [T.string, T.bytes, T.list(A), T.map(K, V)]) {
    out.push(fn("size", [t], T.int, sizeImpl), method("size", [t], T.int, sizeImpl));
  }
  return out;
}

function strings(): Overload[] {
  const matches = (str: Value, re: Value) => {
    const r = translateGoRegexp(s(re));
    if (!r.regexp) throw new EvalError(r.error ?? "invalid regexp");
    return r.regexp.test(s(str));
  };
  return [
    method("contains", [T.string, T.string], T.bool, (a, b) => s(a).includes(s(b)), linearCost),
    method("startsWith", [T.string, T.string], T.bool, (a, b) => s(a).startsWith(s(b)), linearCost),
    method("endsWith", [T.string, T.string], T.bool, (a, b) => s(a).endsWith(s(b)), linearCost),
    method("matches", [T.string, T.string], T.bool, matches, linearCost),
    fn("matches", [T.string, T.string], T.bool, matches, linearCost),
  ];
}

function toInt(v: Value): Value {
  if (typeof v === "bigint") return v;
  if (v instanceof UInt) return checkInt(v.value);
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v >= 9223372036854775807 || v <= -9223372036854775808) throw new EvalError("range error converting double to int");
    return BigInt(Math.trunc(v));
  }
  if (typeof v === "string") {
    if (!/^[+-]?\d+$/.test(v)) throw new EvalError(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
    const n = BigInt(v);
    if (n < -(2n ** 63n) || n > 2n ** 63n - 1n) throw new EvalError(`strconv.ParseInt: parsing ${JSON.stringify(v)}: value out of range`);
    return n;
  }
  if (v instanceof Timestamp) return v.nanos / 1_000_000_000n - (v.nanos < 0n && v.nanos % 1_000_000_000n !== 0n ? 1n : 0n);
  if (v instanceof Duration) return v.nanos;
  throw new EvalError("no such overload");
}

function toUint(v: Value): Value {
  if (v instanceof UInt) return v;
  if (typeof v === "bigint") {
    if (v < 0n) throw new EvalError("unsigned integer overflow");
    return checkUint(v);
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0 || v >= 18446744073709551616) throw new EvalError("range error converting double to uint");
    return new UInt(BigInt(Math.trunc(v)));
  }
  if (typeof v === "string") {
    if (!/^\+?\d+$/.test(v)) throw new EvalError(`strconv.ParseUint: parsing ${JSON.stringify(v)}: invalid syntax`);
    return checkUint(BigInt(v));
  }
  throw new EvalError("no such overload");
}

function toDouble(v: Value): Value {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof UInt) return Number(v.value);
  if (typeof v === "string") {
    const n = Number(v);
    if (v.trim() === "" || Number.isNaN(n) && v !== "NaN") throw new EvalError(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
    return n;
  }
  throw new EvalError("no such overload");
}

/** How CEL prints a double: like Go's strconv.FormatFloat(f, 'g', -1, 64) for most values. */
export function formatDouble(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e21 || abs < 1e-4)) return n.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  return String(n);
}

export function toStringValue(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "bigint") return v.toString();
  if (v instanceof UInt) return v.value.toString();
  if (typeof v === "number") return formatDouble(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof Uint8Array) {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(v);
    return text;
  }
  if (v instanceof Timestamp) return formatTimestamp(v);
  if (v instanceof Duration) return formatDuration(v);
  throw new EvalError("no such overload");
}

function toBool(v: Value): Value {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
    if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
    throw new EvalError(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
  }
  throw new EvalError("no such overload");
}

function conversions(): Overload[] {
  const from = (name: string, result: CelType, types: CelType[], impl: (v: Value) => Value) => types.map((t) => fn(name, [t], result, impl));
  return [
    ...from("int", T.int, [T.int, T.uint, T.double, T.string, T.timestamp, T.duration], toInt),
    ...from("uint", T.uint, [T.uint, T.int, T.double, T.string], toUint),
    ...from("double", T.double, [T.double, T.int, T.uint, T.string], toDouble),
    ...from("string", T.string, [T.string, T.int, T.uint, T.double, T.bool, T.bytes, T.timestamp, T.duration], toStringValue),
    ...from("bool", T.bool, [T.bool, T.string], toBool),
    fn("bytes", [T.string], T.bytes, (v) => new TextEncoder().encode(s(v))),
    fn("bytes", [T.bytes], T.bytes, (v) => v),
    fn("timestamp", [T.string], T.timestamp, (v) => parseTimestamp(s(v))),
    fn("timestamp", [T.timestamp], T.timestamp, (v) => v),
    fn("timestamp", [T.int], T.timestamp, (v) => checkTimestamp(i(v) * 1_000_000_000n)),
    fn("duration", [T.string], T.duration, (v) => parseDuration(s(v))),
    fn("duration", [T.duration], T.duration, (v) => v),
    fn("dyn", [A], T.dyn, (v) => v),
    fn("type", [A], T.type, (v) => new TypeValue(typeNameOf(v))),
  ];
}

function timeAccessors(): Overload[] {
  const out: Overload[] = [];
  const parts: [string, (p: ReturnType<typeof timestampParts>) => number][] = [
    ["getFullYear", (p) => p.year], ["getMonth", (p) => p.month], ["getDate", (p) => p.day],
    ["getDayOfMonth", (p) => p.day - 1], ["getDayOfWeek", (p) => p.dayOfWeek], ["getDayOfYear", (p) => p.dayOfYear],
    ["getHours", (p) => p.hours], ["getMinutes", (p) => p.minutes], ["getSeconds", (p) => p.seconds], ["getMilliseconds", (p) => p.millis],
  ];
  for (const [name, get] of parts) {
    out.push(method(name, [T.timestamp], T.int, (t) => BigInt(get(timestampParts(t as Timestamp)))));
    out.push(method(name, [T.timestamp, T.string], T.int, (t, tz) => BigInt(get(timestampParts(t as Timestamp, s(tz))))));
  }
  const durationParts: [string, bigint][] = [
    ["getHours", 3_600_000_000_000n], ["getMinutes", 60_000_000_000n], ["getSeconds", 1_000_000_000n], ["getMilliseconds", 1_000_000n],
  ];
  for (const [name, unit] of durationParts) {
    out.push(method(name, [T.duration], T.int, (v) => (v as Duration).nanos / unit));
  }
  return out;
}

export const stdLibrary: Overload[] = [...arithmetic(), ...comparisons(), ...sizes(), ...strings(), ...conversions(), ...timeAccessors()];
