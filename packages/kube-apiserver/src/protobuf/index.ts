// Reading Kubernetes' protobuf encoding of built-in kinds, for the request
// bodies kubectl's `create configmap|secret|namespace` send. Not wired into
// request handling yet: that needs a hook in @tskube/generic-apiserver (see
// README.md in this folder).

import type { KubeObject } from "@tskube/apimachinery";
import { CORE_V1_PROTOBUF_DECODERS } from "./core-v1.js";
import { readEnvelope } from "./envelope.js";
import { ProtobufError } from "./wire.js";

export { PROTOBUF_MEDIA_TYPE, readEnvelope, type Envelope } from "./envelope.js";
export { ProtobufError } from "./wire.js";
export { decodeConfigMap, decodeNamespace, decodeSecret, CORE_V1_PROTOBUF_DECODERS } from "./core-v1.js";

/**
 * A protobuf request body (envelope included) as the JSON object it stands
 * for, with apiVersion and kind from the envelope. Throws ProtobufError.
 */
export function decodeProtobufObject(body: Uint8Array): KubeObject {
  const envelope = readEnvelope(body);
  const decode = envelope.apiVersion === "v1" ? CORE_V1_PROTOBUF_DECODERS[envelope.kind] : undefined;
  if (decode === undefined) throw new ProtobufError(`no protobuf decoding for ${envelope.apiVersion}, Kind=${envelope.kind}`);
  return { apiVersion: envelope.apiVersion, kind: envelope.kind, ...decode(envelope.raw) };
}
