// The writing half of the wire format, as small builders: enough to produce
// protobuf bodies (tests, tools) without a code generator.
//
//   envelope("v1", "ConfigMap", message([bytes(1, message([str(1, "cm")])), entry(2, "a", "b")]))

/** One encoded field (key and value). */
export type EncodedField = Uint8Array;

function varintBytes(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const key = (number: number, wireType: number) => varintBytes((BigInt(number) << 3n) | BigInt(wireType));

/** A varint field (int32, int64, bool, enum); negative numbers take ten bytes, as in Go. */
export function varint(number: number, value: number | bigint | boolean): EncodedField {
  const v = typeof value === "boolean" ? (value ? 1n : 0n) : BigInt(value);
  return Uint8Array.from([...key(number, 0), ...varintBytes(v)]);
}

/** A length-delimited field: bytes, an embedded message, a packed run. */
export function bytes(number: number, value: Uint8Array): EncodedField {
  // Concatenated rather than spread: embedded messages can be megabytes (a whole OpenAPI document).
  return Buffer.concat([Uint8Array.from([...key(number, 2), ...varintBytes(BigInt(value.length))]), value]);
}

export function str(number: number, value: string): EncodedField {
  return bytes(number, new TextEncoder().encode(value));
}

/** Fields one after the other: a message's bytes. */
export function message(fields: readonly EncodedField[]): Uint8Array {
  return Buffer.concat(fields);
}

/** A map entry with a string key and a string (or bytes) value. */
export function entry(number: number, k: string, v: string | Uint8Array): EncodedField {
  return bytes(number, message([str(1, k), typeof v === "string" ? str(2, v) : bytes(2, v)]));
}

/** A fixed 8-byte field (double) or 4-byte field (float). */
export function fixed(number: number, value: number, size: 4 | 8): EncodedField {
  const buf = Buffer.alloc(size);
  if (size === 8) buf.writeDoubleLE(value);
  else buf.writeFloatLE(value);
  return Uint8Array.from([...key(number, size === 8 ? 1 : 5), ...buf]);
}

/** A whole body: `k8s\0` and the runtime.Unknown envelope around an object's message. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from("k8s\0", "latin1"), message([bytes(1, message([str(1, apiVersion), str(2, kind)])), bytes(2, raw)])]);
}
