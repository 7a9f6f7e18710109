// The table-driven decoder: given the tables of some API packages, turns a
// message's protobuf bytes into the JSON value Go would write for the same
// object (see table.ts for the rules). Fields whose numbers a table does not
// list are skipped, as upstream's generated decoders skip them.

import { type FieldSpec, type ProtobufPackage, type ScalarType, type TypeRef, parseType } from "./table.js";
import { SPECIAL_READERS } from "./well-known.js";
import { ProtobufError, type WireField, decodeString, readFields, readPackedVarints } from "./wire.js";

/** Decodes one kind's message (the bytes inside the envelope) into its JSON object. */
export type ProtobufMessageDecoder = (raw: Uint8Array) => Record<string, unknown>;

export interface GroupVersionKindRef {
  group: string;
  version: string;
  kind: string;
}

/** What a server asks when a body arrives in protobuf: can this kind be decoded, and how. */
export interface ProtobufDecoders {
  decoderFor(gvk: GroupVersionKindRef): ProtobufMessageDecoder | undefined;
}

interface CompiledField {
  number: number;
  json: string;
  type: TypeRef;
  required: boolean;
  inline: boolean;
  /** For errors, as Go names the field. */
  goName: string;
}

interface CompiledMessage {
  name: string;
  fields: CompiledField[];
  numbers: ReadonlySet<number>;
}

const EMPTY = new Uint8Array(0);
/** Deeper nesting than any Kubernetes object has; guards the stack against crafted input. */
const MAX_DEPTH = 100;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function wireTypeOf(scalar: ScalarType): number {
  switch (scalar) {
    case "string":
    case "bytes":
      return 2;
    case "float64":
      return 1;
    case "float32":
      return 5;
    default:
      return 0;
  }
}

function scalarOf(scalar: ScalarType, f: WireField): string | number | boolean {
  switch (scalar) {
    case "string":
      return decodeString(f.bytes);
    case "bytes":
      return Buffer.from(f.bytes).toString("base64");
    case "bool":
      return f.varint !== 0n;
    case "int32":
      return Number(BigInt.asIntN(32, f.varint));
    case "int64":
      return Number(BigInt.asIntN(64, f.varint));
    case "uint32":
      return Number(BigInt.asUintN(32, f.varint));
    case "uint64":
      return Number(f.varint);
    case "float64":
      return new DataView(f.bytes.buffer, f.bytes.byteOffset, 8).getFloat64(0, true);
    case "float32":
      return new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true);
  }
}

/** Go's zero value of a scalar, as JSON (a nil []byte is null). */
function zeroScalar(scalar: ScalarType): string | number | boolean | null {
  switch (scalar) {
    case "string":
      return "";
    case "bytes":
      return null;
    case "bool":
      return false;
    default:
      return 0;
  }
}

export class ProtobufScheme implements ProtobufDecoders {
  private readonly messages = new Map<string, CompiledMessage>();
  private readonly byGroupVersion = new Map<string, ProtobufPackage>();

  /** Throws if a table is malformed or refers to a message none of `packages` has. */
  constructor(packages: readonly ProtobufPackage[]) {
    for (const pkg of packages) {
      this.byGroupVersion.set(`${pkg.group}/${pkg.version}`, pkg);
      for (const [name, table] of Object.entries(pkg.messages)) {
        const fields = Object.entries(table).map(([number, spec]) => compileField(Number(number), spec as FieldSpec, pkg.name, name));
        fields.sort((a, b) => a.number - b.number);
        this.messages.set(`${pkg.name}.${name}`, { name, fields, numbers: new Set(fields.map((f) => f.number)) });
      }
    }
    for (const [name, msg] of this.messages) {
      for (const field of msg.fields) this.checkResolves(field.type, `${name}.${field.json || field.goName}`);
    }
  }

  private checkResolves(type: TypeRef, where: string): void {
    if (type.kind === "message" && !this.messages.has(type.message)) throw new Error(`${where}: unknown message ${type.message}`);
    if (type.kind === "pointer" || type.kind === "list") this.checkResolves(type.elem, where);
    if (type.kind === "map") this.checkResolves(type.value, where);
  }

  /** The message names the tables have, in full (`core/v1.Pod`). */
  messageNames(): string[] {
    return [...this.messages.keys()];
  }

  /** The decoder of a kind: the message named like the kind in the package of its group and version. */
  decoderFor(gvk: GroupVersionKindRef): ProtobufMessageDecoder | undefined {
    const pkg = this.byGroupVersion.get(`${gvk.group}/${gvk.version}`);
    if (pkg === undefined || !Object.hasOwn(pkg.messages, gvk.kind)) return undefined;
    const name = `${pkg.name}.${gvk.kind}`;
    return (raw) => this.decode(name, raw);
  }

  /** Decodes the bytes of message `name` (`core/v1.ConfigMap`). Throws ProtobufError on malformed input. */
  decode(name: string, raw: Uint8Array): Record<string, unknown> {
    return this.decodeMessage(this.message(name), raw, 0);
  }

  private message(name: string): CompiledMessage {
    const msg = this.messages.get(name);
    if (msg === undefined) throw new Error(`no protobuf table for ${name}`);
    return msg;
  }

  private decodeMessage(msg: CompiledMessage, bytes: Uint8Array, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw new ProtobufError("proto: exceeded maximum nesting depth");
    const occurrences = new Map<number, WireField[]>();
    for (const f of readFields(bytes, msg.name)) {
      if (!msg.numbers.has(f.number)) continue; // unknown field: skipped
      const list = occurrences.get(f.number);
      if (list) list.push(f);
      else occurrences.set(f.number, [f]);
    }
    const out: Record<string, unknown> = {};
    for (const field of msg.fields) this.decodeField(out, field, occurrences.get(field.number) ?? [], depth);
    return out;
  }

  private decodeField(out: Record<string, unknown>, field: CompiledField, found: WireField[], depth: number): void {
    const { type } = field;
    if (field.inline) {
      Object.assign(out, this.singular(type, found, field, depth));
      return;
    }
    switch (type.kind) {
      case "list": {
        const values = found.flatMap((f) => this.listElements(type.elem, f, field, depth));
        if (values.length > 0) out[field.json] = values;
        else if (field.required) out[field.json] = null;
        return;
      }
      case "map": {
        if (found.length > 0) out[field.json] = this.mapOf(type.key, type.value, found, field, depth);
        else if (field.required) out[field.json] = null;
        return;
      }
      case "pointer":
        if (found.length > 0) out[field.json] = this.singular(type.elem, found, field, depth);
        else if (field.required) out[field.json] = null;
        return;
      case "scalar": {
        if (found.length === 0) {
          if (field.required) out[field.json] = zeroScalar(type.scalar);
          return;
        }
        const value = this.singular(type, found, field, depth);
        if (field.required || (value !== "" && value !== 0 && value !== false)) out[field.json] = value;
        return;
      }
      default:
        // A struct value: always written, its zero value when absent.
        out[field.json] = this.singular(type, found, field, depth);
    }
  }

  private checkWireType(f: WireField, expected: number, field: CompiledField): void {
    if (f.wireType !== expected) throw new ProtobufError(`proto: wrong wireType = ${f.wireType} for field ${field.goName}`);
  }

  /**
   * A singular field's value. The last scalar wins; a message given more
   * than once is the merge of all of them, which for protobuf is decoding
   * their bytes one after the other. No occurrence: the zero value.
   */
  private singular(type: TypeRef, found: WireField[], field: CompiledField, depth: number): unknown {
    if (type.kind === "scalar") {
      const last = found[found.length - 1];
      if (last === undefined) return zeroScalar(type.scalar);
      this.checkWireType(last, wireTypeOf(type.scalar), field);
      return scalarOf(type.scalar, last);
    }
    for (const f of found) this.checkWireType(f, 2, field);
    const bytes = found.length === 1 ? (found[0]?.bytes ?? EMPTY) : Buffer.concat(found.map((f) => f.bytes));
    return this.valueOf(type, bytes, depth);
  }

  /** A message-typed value from its bytes. */
  private valueOf(type: TypeRef, bytes: Uint8Array, depth: number): unknown {
    switch (type.kind) {
      case "message":
        return this.decodeMessage(this.message(type.message), bytes, depth + 1);
      case "special":
        return SPECIAL_READERS[type.special](bytes);
      default:
        throw new Error(`a ${type.kind} is not a message`);
    }
  }

  private listElements(elem: TypeRef, f: WireField, field: CompiledField, depth: number): unknown[] {
    if (elem.kind !== "scalar") {
      this.checkWireType(f, 2, field);
      return [this.valueOf(elem, f.bytes, depth)];
    }
    const wire = wireTypeOf(elem.scalar);
    // Repeated numbers may come packed: one length-delimited run of values.
    if (wire !== 2 && f.wireType === 2) {
      if (wire === 0) return readPackedVarints(f.bytes).map((varint) => scalarOf(elem.scalar, { ...f, wireType: 0, varint }));
      const size = wire === 1 ? 8 : 4;
      if (f.bytes.length % size !== 0) throw new ProtobufError("unexpected EOF");
      const out: unknown[] = [];
      for (let i = 0; i < f.bytes.length; i += size) out.push(scalarOf(elem.scalar, { ...f, bytes: f.bytes.subarray(i, i + size) }));
      return out;
    }
    this.checkWireType(f, wire, field);
    return [scalarOf(elem.scalar, f)];
  }

  /** Map entries: { 1: key, 2: value }; a missing key or value is its zero value. */
  private mapOf(key: ScalarType, value: TypeRef, found: WireField[], field: CompiledField, depth: number): Record<string, unknown> {
    const entryField: CompiledField = { ...field, goName: `${field.goName}Entry` };
    const out: Record<string, unknown> = {};
    for (const f of found) {
      this.checkWireType(f, 2, field);
      const entry = readFields(f.bytes, entryField.goName);
      const keys = entry.filter((e) => e.number === 1);
      const values = entry.filter((e) => e.number === 2);
      const k = this.singular({ kind: "scalar", scalar: key }, keys, { ...entryField, goName: "key" }, depth);
      const valueField = { ...entryField, goName: "value" };
      out[String(k)] =
        values.length === 0 && value.kind === "scalar" ? zeroScalar(value.scalar) : this.singular(value, values, valueField, depth);
    }
    return out;
  }
}

function compileField(number: number, spec: FieldSpec, pkg: string, message: string): CompiledField {
  const [json, typeText, flag] = spec;
  let type: TypeRef;
  try {
    type = parseType(typeText, pkg);
  } catch (err) {
    throw new Error(`${pkg}.${message} field ${number}: ${(err as Error).message}`);
  }
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${pkg}.${message}: bad field number ${number}`);
  const inline = flag === "inline";
  if (inline && type.kind !== "message") throw new Error(`${pkg}.${message} field ${number}: only a message can be inline`);
  if (!inline && json === "") throw new Error(`${pkg}.${message} field ${number}: no JSON name`);
  const goName = inline && type.kind === "message" ? (type.message.split(".").pop() ?? "") : capitalize(json);
  return { number, json, type, required: flag === "required", inline, goName };
}
