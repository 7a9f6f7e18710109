// The envelope of Kubernetes' protobuf encoding
// (`application/vnd.kubernetes.protobuf`; upstream:
// runtime/serializer/protobuf): the magic bytes `k8s\0`, then a
// runtime.Unknown message holding the object's apiVersion and kind and the
// object's own message:
//
//   Unknown { 1: TypeMeta { 1: apiVersion, 2: kind }, 2: raw, 3: contentEncoding, 4: contentType }

import { ProtobufError, type WireField, decodeString, readFields } from "./wire.js";

export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"

export interface Envelope {
  /** "" when the envelope does not say. */
  apiVersion: string;
  kind: string;
  /** The object's own protobuf message. */
  raw: Uint8Array;
}

function lengthDelimited(fields: readonly WireField[], number: number, goName: string): Uint8Array | undefined {
  let last: WireField | undefined;
  for (const f of fields) if (f.number === number) last = f;
  if (last === undefined) return undefined;
  if (last.wireType !== 2) throw new ProtobufError(`proto: wrong wireType = ${last.wireType} for field ${goName}`);
  return last.bytes;
}

/** Reads the envelope of a protobuf body. Throws ProtobufError worded as upstream's decoder. */
export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length === 0) throw new ProtobufError("empty data");
  if (body.length < MAGIC.length || MAGIC.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufError(`provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(" ")}]`);
  }
  if (body.length === MAGIC.length) throw new ProtobufError("empty body");
  const unknown = readFields(body.subarray(MAGIC.length), "Unknown");
  const typeMetaBytes = lengthDelimited(unknown, 1, "TypeMeta");
  const typeMeta = typeMetaBytes === undefined ? [] : readFields(typeMetaBytes, "TypeMeta");
  const apiVersion = lengthDelimited(typeMeta, 1, "APIVersion");
  const kind = lengthDelimited(typeMeta, 2, "Kind");
  // contentEncoding (3) and contentType (4) are checked for their wire type only, as upstream ignores them.
  lengthDelimited(unknown, 3, "ContentEncoding");
  lengthDelimited(unknown, 4, "ContentType");
  return {
    apiVersion: apiVersion === undefined ? "" : decodeString(apiVersion),
    kind: kind === undefined ? "" : decodeString(kind),
    raw: lengthDelimited(unknown, 2, "Raw") ?? new Uint8Array(0),
  };
}
