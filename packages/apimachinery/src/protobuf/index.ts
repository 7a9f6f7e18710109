// Reading Kubernetes' protobuf encoding (application/vnd.kubernetes.protobuf)
// into the JSON values the rest of the server works with. See README.md.

import { META_V1 } from "./meta-v1.js";
import { ProtobufScheme } from "./scheme.js";

export { PROTOBUF_MEDIA_TYPE, readEnvelope, type Envelope } from "./envelope.js";
export { META_V1 } from "./meta-v1.js";
export {
  ProtobufScheme,
  type GroupVersionKindRef,
  type ProtobufDecoders,
  type ProtobufMessageDecoder,
} from "./scheme.js";
export { parseType, type FieldFlag, type FieldSpec, type MessageTable, type ProtobufPackage, type TypeRef } from "./table.js";

export { ProtobufError, readFields, type WireField } from "./wire.js";

/** meta.k8s.io/v1 alone: what every server decodes (DeleteOptions bodies). */
export const META_PROTOBUF = new ProtobufScheme([META_V1]);

/** Builders of protobuf bytes (the wire format's writing half), for tests and tools. */
export * as protobufWriter from "./writer.js";
