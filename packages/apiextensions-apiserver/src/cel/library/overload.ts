// How a library function is declared: its name, whether it is called on a
// receiver (`s.startsWith(p)`: member, the receiver is the first parameter),
// parameter and result types for the checker, the implementation, and its
// cost beyond the base cost of 1 per call (from the sizes of its arguments,
// as upstream's cost model charges string and list work).

import { type CelType, typeString } from "../types.js";
import { Duration, MapValue, OpaqueValue, Optional, Timestamp, TypeValue, UInt, type Value } from "../values.js";

export interface Overload {
  name: string;
  member: boolean;
  params: CelType[];
  result: CelType;
  impl: (...args: Value[]) => Value;
  cost?: (sizes: number[]) => number;
}

export const fn = (name: string, params: CelType[], result: CelType, impl: Overload["impl"], cost?: Overload["cost"]): Overload => ({
  name, member: false, params, result, impl, ...(cost ? { cost } : {}),
});

export const method = (name: string, params: CelType[], result: CelType, impl: Overload["impl"], cost?: Overload["cost"]): Overload => ({
  name, member: true, params, result, impl, ...(cost ? { cost } : {}),
});

/** Cost proportional to the summed size of the arguments, as upstream charges string scans (0.1 per character). */
export const linearCost = (sizes: number[]) => Math.ceil(sizes.reduce((a, b) => a + b, 0) * 0.1);

/** Whether a run-time value is of a declared parameter type. */
export function valueFits(t: CelType, v: Value): boolean {
  switch (t.kind) {
    case "dyn":
    case "param":
      return true;
    case "int":
      return typeof v === "bigint";
    case "uint":
      return v instanceof UInt;
    case "double":
      return typeof v === "number";
    case "bool":
      return typeof v === "boolean";
    case "string":
      return typeof v === "string";
    case "bytes":
      return v instanceof Uint8Array;
    case "null_type":
      return v === null;
    case "list":
      return Array.isArray(v);
    case "map":
    case "object":
      return v instanceof MapValue;
    case "timestamp":
      return v instanceof Timestamp;
    case "duration":
      return v instanceof Duration;
    case "type":
      return v instanceof TypeValue;
    case "opaque":
      if (t.name === "optional_type") return v instanceof Optional;
      return v instanceof OpaqueValue && v.typeName === t.name;
  }
}

export function overloadSignature(o: Overload): string {
  const params = o.params.map(typeString);
  return o.member ? `${params[0]}.${o.name}(${params.slice(1).join(", ")})` : `${o.name}(${params.join(", ")})`;
}
