// The strings extension (cel-go ext.Strings, version 2 as Kubernetes 1.32
// enables it): charAt, indexOf, lastIndexOf, lowerAscii, upperAscii,
// replace, split, substring, trim, join, strings.quote, reverse.
// Indexes count code points, as CEL strings do.

import { T } from "../types.js";
import { EvalError, type Value } from "../values.js";
import { type Overload, fn, linearCost, method } from "./overload.js";

const s = (v: Value) => v as string;
const n = (v: Value) => Number(v as bigint);
const cps = (str: string) => Array.from(str);

function indexOf(str: string, sub: string, from: number): number {
  const a = cps(str);
  const b = cps(sub);
  if (from < 0 || from > a.length) throw new EvalError(`index out of range: ${from}`);
  for (let i = from; i + b.length <= a.length; i++) if (b.every((c, j) => a[i + j] === c)) return i;
  return -1;
}

function lastIndexOf(str: string, sub: string, from: number): number {
  const a = cps(str);
  const b = cps(sub);
  if (from < 0 || from > a.length) throw new EvalError(`index out of range: ${from}`);
  for (let i = Math.min(from, a.length - b.length); i >= 0; i--) if (b.every((c, j) => a[i + j] === c)) return i;
  return -1;
}

function substring(str: string, start: number, end: number): string {
  const a = cps(str);
  if (start < 0 || start > a.length) throw new EvalError(`index out of range: ${start}`);
  if (end < 0 || end > a.length) throw new EvalError(`index out of range: ${end}`);
  if (start > end) throw new EvalError(`invalid substring range. start: ${start}, end: ${end}`);
  return a.slice(start, end).join("");
}

function split(str: string, sep: string, limit: number): Value {
  if (limit === 0) return [];
  const parts = sep === "" ? cps(str) : str.split(sep);
  if (limit < 0 || parts.length <= limit) return parts;
  return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(sep)];
}

function replace(str: string, from: string, to: string, limit: number): string {
  if (limit < 0) return str.split(from).join(to);
  let out = str;
  let pos = 0;
  for (let k = 0; k < limit; k++) {
    const at = out.indexOf(from, pos);
    if (at < 0) break;
    out = out.slice(0, at) + to + out.slice(at + from.length);
    pos = at + to.length + (from === "" ? 1 : 0);
  }
  return out;
}

const asciiLower = (str: string) => str.replace(/[A-Z]/g, (c) => c.toLowerCase());
const asciiUpper = (str: string) => str.replace(/[a-z]/g, (c) => c.toUpperCase());

export const stringsLibrary: Overload[] = [
  method("charAt", [T.string, T.int], T.string, (a, i) => {
    const c = cps(s(a));
    if (n(i) < 0 || n(i) > c.length) throw new EvalError(`index out of range: ${n(i)}`);
    return c[n(i)] ?? "";
  }),
  method("indexOf", [T.string, T.string], T.int, (a, b) => BigInt(indexOf(s(a), s(b), 0)), linearCost),
  method("indexOf", [T.string, T.string, T.int], T.int, (a, b, i) => BigInt(indexOf(s(a), s(b), n(i))), linearCost),
  method("lastIndexOf", [T.string, T.string], T.int, (a, b) => BigInt(lastIndexOf(s(a), s(b), cps(s(a)).length)), linearCost),
  method("lastIndexOf", [T.string, T.string, T.int], T.int, (a, b, i) => BigInt(lastIndexOf(s(a), s(b), n(i))), linearCost),
  method("lowerAscii", [T.string], T.string, (a) => asciiLower(s(a)), linearCost),
  method("upperAscii", [T.string], T.string, (a) => asciiUpper(s(a)), linearCost),
  method("replace", [T.string, T.string, T.string], T.string, (a, b, c) => replace(s(a), s(b), s(c), -1), linearCost),
  method("replace", [T.string, T.string, T.string, T.int], T.string, (a, b, c, l) => replace(s(a), s(b), s(c), n(l)), linearCost),
  method("split", [T.string, T.string], T.list(T.string), (a, b) => split(s(a), s(b), -1), linearCost),
  method("split", [T.string, T.string, T.int], T.list(T.string), (a, b, l) => split(s(a), s(b), n(l)), linearCost),
  method("substring", [T.string, T.int], T.string, (a, b) => substring(s(a), n(b), cps(s(a)).length), linearCost),
  method("substring", [T.string, T.int, T.int], T.string, (a, b, c) => substring(s(a), n(b), n(c)), linearCost),
  method("trim", [T.string], T.string, (a) => s(a).replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, ""), linearCost),
  method("join", [T.list(T.string)], T.string, (l) => (l as readonly string[]).join(""), linearCost),
  method("join", [T.list(T.string), T.string], T.string, (l, sep) => (l as readonly string[]).join(s(sep)), linearCost),
  method("reverse", [T.string], T.string, (a) => cps(s(a)).reverse().join(""), linearCost),
  fn("strings.quote", [T.string], T.string, (a) => JSON.stringify(s(a)), linearCost),
];
