// Protocol Buffers' wire format, the reading half. A message is a sequence
// of fields; each is a key (field number << 3 | wire type) and a value:
//
//   0 varint             int32, int64, bool, enums
//   1 8 bytes            double, fixed64
//   2 length-delimited   string, bytes, embedded messages, map entries, packed repeated scalars
//   3, 4 group start/end (deprecated; only skipped)
//   5 4 bytes            float, fixed32
//
// Errors are worded as the gogo-generated Go decoders word theirs, since
// upstream puts that text in its 400 responses.

export type WireType = 0 | 1 | 2 | 3 | 5;

/** One field as read off the wire. */
export interface WireField {
  number: number;
  wireType: WireType;
  /** Wire type 0. */
  varint: bigint;
  /** Wire types 1, 2 and 5: the raw bytes (a view into the message). Empty for a group. */
  bytes: Uint8Array;
}

/** Malformed protobuf input. The message is what the client is told. */
export class ProtobufError extends Error {
  override readonly name = "ProtobufError";
}

const EMPTY = new Uint8Array(0);

/** Reads varints and lengths from `buf`, from `pos` on. */
class Cursor {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    // A varint has at most 10 bytes (64 bits in groups of 7).
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new ProtobufError("unexpected EOF");
      const byte = this.buf[this.pos++] ?? 0;
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new ProtobufError("proto: integer overflow");
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new ProtobufError("unexpected EOF");
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  length(): number {
    const n = BigInt.asIntN(64, this.varint());
    if (n < 0n) throw new ProtobufError("proto: negative length found during unmarshaling");
    if (n > BigInt(this.buf.length - this.pos)) throw new ProtobufError("unexpected EOF");
    return Number(n);
  }

  key(message: string): { number: number; wireType: number } {
    const key = this.varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === 4) throw new ProtobufError(`proto: ${message}: wiretype end group for non-group`);
    if (number <= 0 || key >> 3n > 0x7fffffffn) {
      throw new ProtobufError(`proto: ${message}: illegal tag ${number} (wire type ${wireType})`);
    }
    return { number, wireType };
  }

  /** Skips a group's contents up to its end marker (groups may nest). */
  skipGroup(message: string): void {
    let depth = 1;
    while (depth > 0) {
      if (this.done) throw new ProtobufError("unexpected EOF");
      const key = this.varint();
      const wireType = Number(key & 7n);
      if (wireType === 3) depth++;
      else if (wireType === 4) depth--;
      else this.skipValue(wireType, message);
    }
  }

  skipValue(wireType: number, message: string): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.take(8);
        return;
      case 2:
        this.take(this.length());
        return;
      case 3:
        this.skipGroup(message);
        return;
      case 5:
        this.take(4);
        return;
      default:
        throw new ProtobufError(`proto: illegal wireType ${wireType}`);
    }
  }
}

/**
 * Every field of a message, in wire order. `message` names the message in
 * errors. Throws ProtobufError on malformed input.
 */
export function readFields(buf: Uint8Array, message = "message"): WireField[] {
  const fields: WireField[] = [];
  const cursor = new Cursor(buf);
  while (!cursor.done) {
    const { number, wireType } = cursor.key(message);
    switch (wireType) {
      case 0:
        fields.push({ number, wireType, varint: cursor.varint(), bytes: EMPTY });
        break;
      case 1:
        fields.push({ number, wireType, varint: 0n, bytes: cursor.take(8) });
        break;
      case 2:
        fields.push({ number, wireType, varint: 0n, bytes: cursor.take(cursor.length()) });
        break;
      case 3:
        // Kept (without its contents) so that a known field sent as a group is reported.
        cursor.skipGroup(message);
        fields.push({ number, wireType, varint: 0n, bytes: EMPTY });
        break;
      case 5:
        fields.push({ number, wireType, varint: 0n, bytes: cursor.take(4) });
        break;
      default:
        throw new ProtobufError(`proto: illegal wireType ${wireType}`);
    }
  }
  return fields;
}

/** A packed repeated varint field's values. */
export function readPackedVarints(buf: Uint8Array): bigint[] {
  const cursor = new Cursor(buf);
  const out: bigint[] = [];
  while (!cursor.done) out.push(cursor.varint());
  return out;
}

// Go keeps the bytes of a string as they are; its JSON encoder then writes
// invalid UTF-8 as U+FFFD. Decoding non-fatally gives the same text.
const utf8 = new TextDecoder("utf-8");

export function decodeString(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
