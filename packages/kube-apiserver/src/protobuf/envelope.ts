// The envelope of Kubernetes' protobuf encoding
// (`application/vnd.kubernetes.protobuf`): the magic bytes `k8s\0`, then a
// runtime.Unknown message holding the object's apiVersion and kind and the
// object itself, protobuf-encoded:
//
//   Unknown { 1: TypeMeta { 1: apiVersion, 2: kind }, 2: raw, 3: contentEncoding, 4: contentType }

import { Message, ProtobufError } from "./wire.js";

export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"

export interface Envelope {
  apiVersion: string;
  kind: string;
  /** The object's own protobuf message. */
  raw: Uint8Array;
}

export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length < MAGIC.length || MAGIC.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufError("the body does not start with the protobuf envelope's magic bytes");
  }
  const unknown = new Message(body.subarray(MAGIC.length));
  const typeMeta = unknown.message(1);
  const encoding = unknown.string(3) ?? "";
  if (encoding !== "") throw new ProtobufError(`unsupported content encoding ${JSON.stringify(encoding)}`);
  return { apiVersion: typeMeta?.string(1) ?? "", kind: typeMeta?.string(2) ?? "", raw: unknown.bytes(2) ?? new Uint8Array() };
}
