// The form our protobuf tables take. For each message, a table from field
// number to the field's JSON name, its Go type, and a flag:
//
//   ConfigMap: {
//     1: ["metadata", "meta/v1.ObjectMeta"],
//     2: ["data", "map[string]string"],
//     4: ["immutable", "*bool"],
//   },
//
// The Go type says how the field is read off the wire and what JSON Go would
// write for it, which is what a JSON client would have sent:
//
//   string bool int32 int64 uint32 uint64 float32 float64   scalars
//   []byte                      bytes, written as base64
//   Name, core/v1.Name          a message of this package, or of another one
//   *T                          a pointer: written whenever it is on the wire, even when zero
//   []T                         a repeated field (varints may come packed)
//   map[string]V                a map field: entries with the key in field 1, the value in field 2
//   Time MicroTime Duration IntOrString Quantity RawExtension FieldsV1 StringList
//                               types with a JSON form of their own (see well-known.ts)
//
// Flags:
//   (none)      omitempty: a zero scalar, empty list or map, or absent pointer is left out
//   "required"  no omitempty: always written; a zero or absent value as Go writes it
//               ("", 0, false, null for lists, maps and pointers)
//   "inline"    an embedded struct: its fields are written into the enclosing object
//
// A struct-valued field (not a pointer) is always written, as Go's
// omitempty does not apply to structs: an absent one is its zero value.

export type FieldFlag = "required" | "inline";

export type FieldSpec = readonly [jsonName: string, type: string, flag?: FieldFlag];

/** Field number -> spec. */
export type MessageTable = Readonly<Record<number, FieldSpec>>;

/** The messages of one Go API package (one generated.proto). */
export interface ProtobufPackage {
  /** How other tables refer to it: `core/v1`, `meta/v1`. */
  name: string;
  /** The API group and version whose kinds are its messages (core: group ""). */
  group: string;
  version: string;
  messages: Readonly<Record<string, MessageTable>>;
}

export type ScalarType = "string" | "bool" | "int32" | "int64" | "uint32" | "uint64" | "float32" | "float64" | "bytes";

export type SpecialType = "Time" | "MicroTime" | "Duration" | "IntOrString" | "Quantity" | "RawExtension" | "FieldsV1" | "StringList";

/** A parsed Go type. Messages are named in full (`core/v1.PodSpec`). */
export type TypeRef =
  | { kind: "scalar"; scalar: ScalarType }
  | { kind: "special"; special: SpecialType }
  | { kind: "message"; message: string }
  | { kind: "pointer"; elem: TypeRef }
  | { kind: "list"; elem: TypeRef }
  | { kind: "map"; key: ScalarType; value: TypeRef };

const SCALARS: ReadonlySet<string> = new Set(["string", "bool", "int32", "int64", "uint32", "uint64", "float32", "float64"]);
const SPECIALS: ReadonlySet<string> = new Set(["Time", "MicroTime", "Duration", "IntOrString", "Quantity", "RawExtension", "FieldsV1", "StringList"]);

/** Parses a type of a table of package `pkg`. Throws on a type the form does not have. */
export function parseType(text: string, pkg: string): TypeRef {
  if (text === "[]byte") return { kind: "scalar", scalar: "bytes" };
  if (text.startsWith("*")) return { kind: "pointer", elem: parseType(text.slice(1), pkg) };
  if (text.startsWith("[]")) return { kind: "list", elem: parseType(text.slice(2), pkg) };
  const map = /^map\[([a-z0-9]+)\](.+)$/.exec(text);
  if (map) {
    const [, key = "", value = ""] = map;
    if (!SCALARS.has(key)) throw new Error(`map key type ${key} in ${text}`);
    return { kind: "map", key: key as ScalarType, value: parseType(value, pkg) };
  }
  if (SCALARS.has(text)) return { kind: "scalar", scalar: text as ScalarType };
  if (SPECIALS.has(text)) return { kind: "special", special: text as SpecialType };
  if (/^([a-z0-9]+\/v[0-9a-z]+\.)?[A-Z][A-Za-z0-9]*$/.test(text)) {
    return { kind: "message", message: text.includes(".") ? text : `${pkg}.${text}` };
  }
  throw new Error(`not a type: ${JSON.stringify(text)}`);
}
