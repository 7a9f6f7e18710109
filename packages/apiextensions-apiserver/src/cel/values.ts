// CEL values at run time. JSON data becomes: integers -> bigint (int),
// numbers -> number (double), strings, booleans, null, arrays, and
// MapValue for objects and maps. Library types are classes of their own.

export class UInt {
  constructor(readonly value: bigint) {}
}

/** A point in time, in nanoseconds since the epoch. */
export class Timestamp {
  constructor(readonly nanos: bigint) {}
}

/** A span of time in nanoseconds. */
export class Duration {
  constructor(readonly nanos: bigint) {}
}

export class TypeValue {
  constructor(readonly name: string) {}
}

export class Optional {
  private constructor(readonly hasValue: boolean, readonly value: Value | undefined) {}
  static of(v: Value): Optional {
    return new Optional(true, v);
  }
  static readonly none = new Optional(false, undefined);
}

/** A value of a library type (URL, Quantity, IP, CIDR, Format): compared with `equals`. */
export abstract class OpaqueValue {
  abstract readonly typeName: string;
  abstract equals(other: OpaqueValue): boolean;
}

export type MapKey = bigint | UInt | string | boolean;

/** A CEL map, or a schema object. Keys compare as CEL does: 1 and 1u are the same key. */
export class MapValue {
  private readonly entries = new Map<string, [MapKey, Value]>();
  constructor(
    entries: Iterable<[MapKey, Value]> = [],
    /** The schema object type name, for objects (type(x) and errors). */
    readonly objectType?: string,
  ) {
    for (const [k, v] of entries) this.entries.set(keyId(k), [k, v]);
  }
  static fromRecord(rec: Record<string, Value>, objectType?: string): MapValue {
    return new MapValue(Object.entries(rec), objectType);
  }
  get size(): number {
    return this.entries.size;
  }
  get(k: Value): Value | undefined {
    const id = keyIdOf(k);
    return id === undefined ? undefined : this.entries.get(id)?.[1];
  }
  has(k: Value): boolean {
    const id = keyIdOf(k);
    return id !== undefined && this.entries.has(id);
  }
  keys(): MapKey[] {
    return [...this.entries.values()].map(([k]) => k);
  }
  *[Symbol.iterator](): IterableIterator<[MapKey, Value]> {
    for (const e of this.entries.values()) yield e;
  }
}

export type Value =
  | bigint
  | UInt
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | readonly Value[]
  | MapValue
  | Timestamp
  | Duration
  | TypeValue
  | Optional
  | OpaqueValue;

function keyId(k: MapKey): string {
  if (typeof k === "string") return `s${k}`;
  if (typeof k === "boolean") return `b${k}`;
  if (k instanceof UInt) return `n${k.value}`;
  return `n${k}`;
}

function keyIdOf(k: Value): string | undefined {
  if (typeof k === "string" || typeof k === "boolean" || typeof k === "bigint" || k instanceof UInt) return keyId(k);
  if (typeof k === "number" && Number.isInteger(k)) return `n${BigInt(k)}`;
  return undefined;
}

/** An error while evaluating: `no such key: x`, `division by zero`, ... */
export class EvalError extends Error {}

/** The cost limit of one evaluation was exceeded; never absorbed by `||` or `&&`. */
export class CostLimitExceeded extends Error {
  constructor() {
    super("operation cancelled: actual cost limit exceeded");
  }
}

/** Lists whose order does not matter (x-kubernetes-list-type set or map): equality ignores order. */
export const unorderedLists = new WeakSet<readonly Value[]>();

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;

export function checkInt(v: bigint): bigint {
  if (v < INT64_MIN || v > INT64_MAX) throw new EvalError("integer overflow");
  return v;
}

export function checkUint(v: bigint): UInt {
  if (v < 0n || v > UINT64_MAX) throw new EvalError("unsigned integer overflow");
  return new UInt(v);
}

export function isList(v: Value): v is readonly Value[] {
  return Array.isArray(v);
}

/** The CEL type name of a value, as `type(x)` reports it. */
export function typeNameOf(v: Value): string {
  if (v === null) return "null_type";
  switch (typeof v) {
    case "bigint":
      return "int";
    case "number":
      return "double";
    case "string":
      return "string";
    case "boolean":
      return "bool";
  }
  if (v instanceof UInt) return "uint";
  if (v instanceof Uint8Array) return "bytes";
  if (Array.isArray(v)) return "list";
  if (v instanceof MapValue) return v.objectType ?? "map";
  if (v instanceof Timestamp) return "google.protobuf.Timestamp";
  if (v instanceof Duration) return "google.protobuf.Duration";
  if (v instanceof TypeValue) return "type";
  if (v instanceof Optional) return "optional_type";
  return (v as OpaqueValue).typeName;
}

function numeric(v: Value): number | bigint | undefined {
  if (typeof v === "bigint" || typeof v === "number") return v;
  if (v instanceof UInt) return v.value;
  return undefined;
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** CEL equality: numbers compare across int, uint and double; other kinds must match. */
export function celEquals(a: Value, b: Value): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && compareNumbers(na, nb) === 0;
  if (a === null || b === null) return a === b;
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    if (unorderedLists.has(a) || unorderedLists.has(b)) {
      const rest = [...b];
      return a.every((x) => {
        const i = rest.findIndex((y) => celEquals(x, y));
        if (i < 0) return false;
        rest.splice(i, 1);
        return true;
      });
    }
    return a.every((x, i) => celEquals(x, (b as readonly Value[])[i]!));
  }
  if (a instanceof MapValue) {
    if (!(b instanceof MapValue) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      const w = b.get(k);
      if (w === undefined || !celEquals(v, w)) return false;
    }
    return true;
  }
  if (a instanceof Timestamp || a instanceof Duration) return b.constructor === a.constructor && (b as Timestamp).nanos === a.nanos;
  if (a instanceof TypeValue) return b instanceof TypeValue && a.name === b.name;
  if (a instanceof Optional) {
    return b instanceof Optional && a.hasValue === b.hasValue && (!a.hasValue || celEquals(a.value!, b.value!));
  }
  if (a instanceof OpaqueValue) return b instanceof OpaqueValue && a.typeName === b.typeName && a.equals(b);
  return false;
}

/** Ordering for <, <=, >, >=: -1, 0, 1; throws for values that have none. */
export function celCompare(a: Value, b: Value): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return compareNumbers(na, nb);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
  }
  if ((a instanceof Timestamp && b instanceof Timestamp) || (a instanceof Duration && b instanceof Duration)) {
    return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
  }
  throw new EvalError("no such overload");
}

/** The size used for costs: length of strings, bytes, lists and maps; 1 otherwise. */
export function sizeOf(v: Value): number {
  if (typeof v === "string") return v.length;
  if (v instanceof Uint8Array) return v.length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof MapValue) return v.size;
  return 1;
}
