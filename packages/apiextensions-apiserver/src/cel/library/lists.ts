// Kubernetes' list library (k8s.io/apiserver/pkg/cel/library/lists.go):
// isSorted, sum, min, max, indexOf, lastIndexOf on lists of comparable values.

import { A, T } from "../types.js";
import { EvalError, UInt, type Value, celCompare, celEquals, checkInt, checkUint } from "../values.js";
import { type Overload, method } from "./overload.js";

const list = (v: Value) => v as readonly Value[];
const linear = (sizes: number[]) => sizes[0] ?? 0;

function sum(l: readonly Value[]): Value {
  if (l.length === 0) return 0n;
  const first = l[0]!;
  if (typeof first === "number") return l.reduce<number>((a, b) => a + (b as number), 0);
  if (first instanceof UInt) return checkUint(l.reduce<bigint>((a, b) => a + (b as UInt).value, 0n));
  return checkInt(l.reduce<bigint>((a, b) => a + (b as bigint), 0n));
}

function extreme(l: readonly Value[], sign: number, name: string): Value {
  if (l.length === 0) throw new EvalError(`${name}(list) called on empty list`);
  return l.reduce((a, b) => (celCompare(b, a) * sign > 0 ? b : a));
}

export const listsLibrary: Overload[] = [
  method("isSorted", [T.list(A)], T.bool, (l) => list(l).every((v, i, all) => i === 0 || celCompare(all[i - 1]!, v) <= 0), linear),
  method("sum", [T.list(T.int)], T.int, (l) => sum(list(l)), linear),
  method("sum", [T.list(T.uint)], T.uint, (l) => sum(list(l)), linear),
  method("sum", [T.list(T.double)], T.double, (l) => sum(list(l)), linear),
  method("sum", [T.list(T.duration)], T.duration, (l) => sum(list(l)), linear),
  method("min", [T.list(A)], A, (l) => extreme(list(l), -1, "min"), linear),
  method("max", [T.list(A)], A, (l) => extreme(list(l), 1, "max"), linear),
  method("indexOf", [T.list(A), A], T.int, (l, x) => BigInt(list(l).findIndex((v) => celEquals(v, x))), linear),
  method("lastIndexOf", [T.list(A), A], T.int, (l, x) => {
    const all = list(l);
    for (let i = all.length - 1; i >= 0; i--) if (celEquals(all[i]!, x)) return BigInt(i);
    return -1n;
  }, linear),
];
