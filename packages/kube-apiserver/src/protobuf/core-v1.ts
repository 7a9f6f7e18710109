// core/v1 kinds in protobuf (k8s.io/api/core/v1/generated.proto), turned
// into the JSON shapes their zod schemas decode. kubectl's `create
// configmap`, `create secret` and `create namespace` send these.

import type { KubeObject } from "@tskube/apimachinery";
import { objectMetaOf, setIf, timeOf } from "./meta-v1.js";
import { Message } from "./wire.js";

type Decoder = (raw: Uint8Array) => KubeObject;

const base64 = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString("base64");

/** ConfigMap { 1: metadata, 2: data, 3: binaryData, 4: immutable } */
export const decodeConfigMap: Decoder = (raw) => {
  const msg = new Message(raw);
  const obj: KubeObject = { metadata: objectMetaOf(msg.message(1)) };
  setIf(obj, "data", msg.map(2, (e) => e.string(2) ?? ""));
  setIf(obj, "binaryData", msg.map(3, (e) => base64(e.bytes(2))));
  const immutable = msg.bool(4);
  if (immutable !== undefined) obj["immutable"] = immutable;
  return obj;
};

/** Secret { 1: metadata, 2: data, 3: type, 4: stringData, 5: immutable } */
export const decodeSecret: Decoder = (raw) => {
  const msg = new Message(raw);
  const obj: KubeObject = { metadata: objectMetaOf(msg.message(1)) };
  setIf(obj, "data", msg.map(2, (e) => base64(e.bytes(2))));
  setIf(obj, "type", msg.string(3));
  setIf(obj, "stringData", msg.map(4, (e) => e.string(2) ?? ""));
  const immutable = msg.bool(5);
  if (immutable !== undefined) obj["immutable"] = immutable;
  return obj;
};

/** Namespace { 1: metadata, 2: spec { 1: finalizers }, 3: status { 1: phase, 2: conditions } } */
export const decodeNamespace: Decoder = (raw) => {
  const msg = new Message(raw);
  const obj: KubeObject = { metadata: objectMetaOf(msg.message(1)) };
  const spec = msg.message(2);
  const finalizers = spec?.repeatedStrings(1) ?? [];
  obj["spec"] = finalizers.length > 0 ? { finalizers } : {};
  const status = msg.message(3);
  if (status !== undefined) {
    const out: Record<string, unknown> = {};
    setIf(out, "phase", status.string(1));
    // NamespaceCondition { 1: type, 2: status, 4: lastTransitionTime, 5: reason, 6: message }
    const conditions = status.repeatedMessages(2).map((c) => {
      const condition: Record<string, unknown> = { type: c.string(1) ?? "", status: c.string(2) ?? "" };
      setIf(condition, "lastTransitionTime", timeOf(c.message(4)));
      setIf(condition, "reason", c.string(5));
      setIf(condition, "message", c.string(6));
      return condition;
    });
    if (conditions.length > 0) out["conditions"] = conditions;
    obj["status"] = out;
  }
  return obj;
};

/** The protobuf decoders of core/v1, by kind. */
export const CORE_V1_PROTOBUF_DECODERS: Readonly<Record<string, Decoder>> = {
  ConfigMap: decodeConfigMap,
  Secret: decodeSecret,
  Namespace: decodeNamespace,
};
