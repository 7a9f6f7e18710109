// Protocol Buffers' wire format, just enough to read messages: a message is
// a sequence of fields, each a key (field number << 3 | wire type) and a
// value: a varint (0), 8 bytes (1), length-delimited bytes (2) or 4 bytes (5).

export interface WireField {
  number: number;
  wireType: 0 | 1 | 2 | 5;
  /** Varints as bigint (int64 needs it); fixed values as their raw bytes. */
  varint?: bigint;
  bytes?: Uint8Array;
}

export class ProtobufError extends Error {
  override readonly name = "ProtobufError";
}

/** Reads every field of a message, in order. Throws ProtobufError on malformed input. */
export function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= buf.length) throw new ProtobufError("truncated varint");
      const byte = buf[pos++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new ProtobufError("varint too long");
  };
  const take = (n: number): Uint8Array => {
    if (n < 0 || pos + n > buf.length) throw new ProtobufError("truncated field");
    const out = buf.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const number = key >>> 3;
    const wireType = key & 7;
    if (number === 0) throw new ProtobufError("field number 0");
    switch (wireType) {
      case 0:
        fields.push({ number, wireType, varint: varint() });
        break;
      case 1:
        fields.push({ number, wireType, bytes: take(8) });
        break;
      case 2:
        fields.push({ number, wireType, bytes: take(Number(varint())) });
        break;
      case 5:
        fields.push({ number, wireType, bytes: take(4) });
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Typed access to the fields of one message. The last occurrence of a singular field wins, as in protobuf. */
export class Message {
  private readonly fields: WireField[];

  constructor(buf: Uint8Array) {
    this.fields = readFields(buf);
  }

  private all(number: number): WireField[] {
    return this.fields.filter((f) => f.number === number);
  }

  private last(number: number): WireField | undefined {
    const all = this.all(number);
    return all[all.length - 1];
  }

  has(number: number): boolean {
    return this.last(number) !== undefined;
  }

  bytes(number: number): Uint8Array | undefined {
    return this.last(number)?.bytes;
  }

  string(number: number): string | undefined {
    const bytes = this.bytes(number);
    return bytes === undefined ? undefined : decodeUTF8(bytes);
  }

  int(number: number): number | undefined {
    const v = this.last(number)?.varint;
    return v === undefined ? undefined : Number(BigInt.asIntN(64, v));
  }

  bool(number: number): boolean | undefined {
    const v = this.last(number)?.varint;
    return v === undefined ? undefined : v !== 0n;
  }

  message(number: number): Message | undefined {
    const bytes = this.bytes(number);
    return bytes === undefined ? undefined : new Message(bytes);
  }

  repeatedStrings(number: number): string[] {
    return this.all(number).map((f) => decodeUTF8(f.bytes ?? new Uint8Array()));
  }

  repeatedMessages(number: number): Message[] {
    return this.all(number).map((f) => new Message(f.bytes ?? new Uint8Array()));
  }

  /** A map field: repeated entries with the key in field 1 and the value in field 2. */
  map<V>(number: number, value: (entry: Message) => V): Record<string, V> | undefined {
    const entries = this.repeatedMessages(number);
    if (entries.length === 0) return undefined;
    const out: Record<string, V> = {};
    for (const entry of entries) out[entry.string(1) ?? ""] = value(entry);
    return out;
  }
}

function decodeUTF8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProtobufError("a string field is not valid UTF-8");
  }
}
