// Kubernetes' quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go):
// resource quantities such as `500m`, `1.5Gi`, `2e3`, compared and added
// exactly (as fractions of big integers).

import { T } from "../types.js";
import { EvalError, OpaqueValue, type Value, checkInt } from "../values.js";
import { type Overload, fn, method } from "./overload.js";

export const QUANTITY_TYPE = T.opaque("kubernetes.Quantity");

const BINARY: Record<string, bigint> = { Ki: 2n ** 10n, Mi: 2n ** 20n, Gi: 2n ** 30n, Ti: 2n ** 40n, Pi: 2n ** 50n, Ei: 2n ** 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

export class QuantityValue extends OpaqueValue {
  readonly typeName = "kubernetes.Quantity";
  readonly num: bigint;
  readonly den: bigint;
  constructor(num: bigint, den: bigint, readonly text?: string) {
    super();
    const g = gcd(num, den) || 1n;
    this.num = num / g;
    this.den = den / g;
  }
  compare(o: QuantityValue): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  equals(other: OpaqueValue): boolean {
    return other instanceof QuantityValue && this.compare(other) === 0;
  }
}

export function parseQuantity(s: string): QuantityValue | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return undefined;
  const [whole, frac = ""] = m[2]!.split(".");
  let num = BigInt((whole || "0") + frac);
  let den = 10n ** BigInt(frac.length);
  if (m[1] === "-") num = -num;
  if (m[3] && BINARY[m[3]]) num *= BINARY[m[3]]!;
  else {
    const exp = m[3] !== undefined ? DECIMAL[m[3]]! : m[4] !== undefined ? Number(m[4]) : 0;
    if (Math.abs(exp) > 1000) return undefined;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return new QuantityValue(num, den, s);
}

const q = (v: Value) => v as QuantityValue;
const asQuantity = (v: Value) => (typeof v === "bigint" ? new QuantityValue(v, 1n) : q(v));

export const quantityLibrary: Overload[] = [
  fn("quantity", [T.string], QUANTITY_TYPE, (s) => {
    const r = parseQuantity(s as string);
    if (!r) throw new EvalError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    return r;
  }),
  fn("isQuantity", [T.string], T.bool, (s) => parseQuantity(s as string) !== undefined),
  method("sign", [QUANTITY_TYPE], T.int, (v) => BigInt(q(v).num === 0n ? 0 : q(v).num > 0n ? 1 : -1)),
  method("isInteger", [QUANTITY_TYPE], T.bool, (v) => q(v).den === 1n && q(v).num >= -(2n ** 63n) && q(v).num < 2n ** 63n),
  method("asInteger", [QUANTITY_TYPE], T.int, (v) => {
    if (q(v).den !== 1n) throw new EvalError("cannot convert value to integer");
    return checkInt(q(v).num);
  }),
  method("asApproximateFloat", [QUANTITY_TYPE], T.double, (v) => Number(q(v).num) / Number(q(v).den)),
  method("add", [QUANTITY_TYPE, QUANTITY_TYPE], QUANTITY_TYPE, (a, b) => add(q(a), asQuantity(b), 1n)),
  method("add", [QUANTITY_TYPE, T.int], QUANTITY_TYPE, (a, b) => add(q(a), asQuantity(b), 1n)),
  method("sub", [QUANTITY_TYPE, QUANTITY_TYPE], QUANTITY_TYPE, (a, b) => add(q(a), asQuantity(b), -1n)),
  method("sub", [QUANTITY_TYPE, T.int], QUANTITY_TYPE, (a, b) => add(q(a), asQuantity(b), -1n)),
  method("isGreaterThan", [QUANTITY_TYPE, QUANTITY_TYPE], T.bool, (a, b) => q(a).compare(q(b)) > 0),
  method("isLessThan", [QUANTITY_TYPE, QUANTITY_TYPE], T.bool, (a, b) => q(a).compare(q(b)) < 0),
  method("compareTo", [QUANTITY_TYPE, QUANTITY_TYPE], T.int, (a, b) => BigInt(q(a).compare(q(b)))),
];

function add(a: QuantityValue, b: QuantityValue, sign: bigint): QuantityValue {
  return new QuantityValue(a.num * b.den + sign * b.num * a.den, a.den * b.den);
}

