// Types whose Go implementations write their own JSON, read from their
// protobuf messages. Each reader gets the message's bytes (empty for an
// absent, zero value) and returns what Go's JSON encoder would write.

import { formatGoDuration } from "../util/go-duration.js";
import type { SpecialType } from "./table.js";
import { ProtobufError, type WireField, decodeString, readFields } from "./wire.js";

/** The last occurrence of each field (a singular field given twice: the last wins). */
function lastByNumber(fields: readonly WireField[]): Map<number, WireField> {
  return new Map(fields.map((f) => [f.number, f]));
}

function varintOf(fields: Map<number, WireField>, number: number, name: string): bigint {
  const f = fields.get(number);
  if (f === undefined) return 0n;
  if (f.wireType !== 0) throw new ProtobufError(`proto: wrong wireType = ${f.wireType} for field ${name}`);
  return f.varint;
}

function bytesOf(fields: Map<number, WireField>, number: number, name: string): Uint8Array | undefined {
  const f = fields.get(number);
  if (f === undefined) return undefined;
  if (f.wireType !== 2) throw new ProtobufError(`proto: wrong wireType = ${f.wireType} for field ${name}`);
  return f.bytes;
}

/** Timestamp { 1: seconds, 2: nanos } as a Date; empty bytes are Go's zero time (undefined). */
function timestampOf(bytes: Uint8Array, message: string): { seconds: bigint; nanos: number } | undefined {
  if (bytes.length === 0) return undefined;
  const fields = lastByNumber(readFields(bytes, message));
  return {
    seconds: BigInt.asIntN(64, varintOf(fields, 1, "Seconds")),
    nanos: Number(BigInt.asIntN(32, varintOf(fields, 2, "Nanos"))),
  };
}

// JavaScript dates reach +-8.64e15 ms; Go's RFC 3339 output stops at year 9999.
const MAX_SECONDS = 253402300799n; // 9999-12-31T23:59:59Z
const MIN_SECONDS = -62135596800n; // 0001-01-01T00:00:00Z

function rfc3339(seconds: bigint, micros?: number): string {
  if (seconds > MAX_SECONDS || seconds < MIN_SECONDS) throw new ProtobufError("Time.MarshalJSON: year outside of range [0,9999]");
  const iso = new Date(Number(seconds) * 1000).toISOString(); // 2024-01-02T03:04:05.000Z
  const base = iso.slice(0, 19);
  return micros === undefined ? `${base}Z` : `${base}.${String(micros).padStart(6, "0")}Z`;
}

/** metav1.Time: RFC 3339 to the second (upstream drops the nanoseconds it reads); zero is null. */
export function readTime(bytes: Uint8Array): string | null {
  const ts = timestampOf(bytes, "Timestamp");
  return ts === undefined ? null : rfc3339(ts.seconds);
}

/** metav1.MicroTime: RFC 3339 with six fractional digits; zero is null. */
export function readMicroTime(bytes: Uint8Array): string | null {
  const ts = timestampOf(bytes, "Timestamp");
  if (ts === undefined) return null;
  // Nanoseconds may be out of [0, 1e9): Go normalises them into the seconds.
  const total = ts.seconds * 1_000_000_000n + BigInt(ts.nanos);
  const seconds = total >= 0n ? total / 1_000_000_000n : -((-total + 999_999_999n) / 1_000_000_000n);
  const nanos = Number(total - seconds * 1_000_000_000n);
  return rfc3339(seconds, Math.floor(nanos / 1000));
}

/** metav1.Duration { 1: duration (nanoseconds) } as Go writes it. */
export function readDuration(bytes: Uint8Array): string {
  const fields = lastByNumber(readFields(bytes, "Duration"));
  return formatGoDuration(BigInt.asIntN(64, varintOf(fields, 1, "Duration")));
}

/** intstr.IntOrString { 1: type (0 int, 1 string), 2: intVal, 3: strVal }. */
export function readIntOrString(bytes: Uint8Array): number | string {
  const fields = lastByNumber(readFields(bytes, "IntOrString"));
  const type = BigInt.asIntN(64, varintOf(fields, 1, "Type"));
  if (type === 0n) return Number(BigInt.asIntN(32, varintOf(fields, 2, "IntVal")));
  if (type === 1n) return decodeString(bytesOf(fields, 3, "StrVal") ?? new Uint8Array());
  throw new ProtobufError("impossible IntOrString.Type");
}

// The shape ParseQuantity accepts (its exact rules are the schema's to check).
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** resource.Quantity { 1: string }: the string as sent; the zero quantity is "0". */
export function readQuantity(bytes: Uint8Array): string {
  const fields = lastByNumber(readFields(bytes, "Quantity"));
  const raw = bytesOf(fields, 1, "String_");
  if (raw === undefined) return "0";
  const text = decodeString(raw);
  if (!QUANTITY.test(text)) throw new ProtobufError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  return text;
}

/** A message { 1: raw } whose raw bytes are JSON (RawExtension, FieldsV1); none is null. */
function readRawJSON(bytes: Uint8Array, message: string): unknown {
  const raw = bytesOf(lastByNumber(readFields(bytes, message)), 1, "Raw");
  if (raw === undefined || raw.length === 0) return null;
  try {
    return JSON.parse(decodeString(raw)) as unknown;
  } catch {
    throw new ProtobufError(`${message}: raw bytes are not JSON`);
  }
}

/** A Go named []string (authentication's ExtraValue, meta's Verbs): { 1: repeated items }; none is null. */
export function readStringList(bytes: Uint8Array): string[] | null {
  const items = readFields(bytes, "StringList").filter((f) => f.number === 1);
  for (const f of items) if (f.wireType !== 2) throw new ProtobufError(`proto: wrong wireType = ${f.wireType} for field Items`);
  return items.length === 0 ? null : items.map((f) => decodeString(f.bytes));
}

export const SPECIAL_READERS: Readonly<Record<SpecialType, (bytes: Uint8Array) => unknown>> = {
  Time: readTime,
  MicroTime: readMicroTime,
  Duration: readDuration,
  IntOrString: readIntOrString,
  Quantity: readQuantity,
  RawExtension: (bytes) => readRawJSON(bytes, "RawExtension"),
  FieldsV1: (bytes) => readRawJSON(bytes, "FieldsV1"),
  StringList: readStringList,
};
