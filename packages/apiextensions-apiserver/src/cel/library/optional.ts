// Optional values (cel-go's optional types), which oldSelf is under
// `optionalOldSelf: true`: optional.of, optional.none, hasValue, value, orValue, or.

import { A, T } from "../types.js";
import { EvalError, MapValue, Optional, type Value } from "../values.js";
import { type Overload, fn, method } from "./overload.js";

const opt = (v: Value) => v as Optional;

function isZero(v: Value): boolean {
  if (v === null || v === false || v === 0 || v === 0n || v === "") return true;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof MapValue) return v.size === 0;
  return false;
}

export const optionalLibrary: Overload[] = [
  fn("optional.of", [A], T.optional(A), (v) => Optional.of(v)),
  fn("optional.ofNonZeroValue", [A], T.optional(A), (v) => (isZero(v) ? Optional.none : Optional.of(v))),
  fn("optional.none", [], T.optional(T.dyn), () => Optional.none),
  method("hasValue", [T.optional(A)], T.bool, (o) => opt(o).hasValue),
  method("value", [T.optional(A)], A, (o) => {
    if (!opt(o).hasValue) throw new EvalError("optional.none() dereference");
    return opt(o).value!;
  }),
  method("orValue", [T.optional(A), A], A, (o, d) => (opt(o).hasValue ? opt(o).value! : d)),
  method("or", [T.optional(A), T.optional(A)], T.optional(A), (o, other) => (opt(o).hasValue ? o : other)),
];
