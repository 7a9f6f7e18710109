// meta/v1 messages in protobuf (k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto),
// turned into the JSON shapes the zod schemas decode. Empty strings, zero
// numbers and zero times are left out, as Go's JSON encoding omits them.

import type { ManagedFieldsEntry, ObjectMeta, OwnerReference } from "@tskube/apimachinery";
import type { Message } from "./wire.js";

/** Only non-empty values; what `omitempty` does in Go's JSON. */
export function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined | "" | 0): void {
  if (value !== undefined && value !== "" && value !== 0) target[key] = value as T[K];
}

/** Time { 1: seconds, 2: nanos } as RFC 3339 to the second; the zero time is absent. */
export function timeOf(msg: Message | undefined): string | undefined {
  if (msg === undefined) return undefined;
  const seconds = msg.int(1) ?? 0;
  const nanos = msg.int(2) ?? 0;
  if (seconds === 0 && nanos === 0) return undefined;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function stringMap(msg: Message, number: number): Record<string, string> | undefined {
  return msg.map(number, (entry) => entry.string(2) ?? "");
}

function ownerReference(msg: Message): OwnerReference {
  const ref: OwnerReference = {
    apiVersion: msg.string(5) ?? "",
    kind: msg.string(1) ?? "",
    name: msg.string(3) ?? "",
    uid: msg.string(4) ?? "",
  };
  const controller = msg.bool(6);
  const blockOwnerDeletion = msg.bool(7);
  if (controller !== undefined) ref.controller = controller;
  if (blockOwnerDeletion !== undefined) ref.blockOwnerDeletion = blockOwnerDeletion;
  return ref;
}

function managedFieldsEntry(msg: Message): ManagedFieldsEntry {
  const entry: ManagedFieldsEntry = {};
  setIf(entry, "manager", msg.string(1));
  setIf(entry, "operation", msg.string(2));
  setIf(entry, "apiVersion", msg.string(3));
  setIf(entry, "time", timeOf(msg.message(4)));
  setIf(entry, "fieldsType", msg.string(6));
  setIf(entry, "subresource", msg.string(8));
  // FieldsV1 { 1: raw } holds the field set as JSON.
  const raw = msg.message(7)?.bytes(1);
  if (raw !== undefined && raw.length > 0) entry.fieldsV1 = JSON.parse(Buffer.from(raw).toString("utf8")) as Record<string, unknown>;
  return entry;
}

export function objectMetaOf(msg: Message | undefined): ObjectMeta {
  const meta: ObjectMeta = {};
  if (msg === undefined) return meta;
  setIf(meta, "name", msg.string(1));
  setIf(meta, "generateName", msg.string(2));
  setIf(meta, "namespace", msg.string(3));
  setIf(meta, "selfLink", msg.string(4));
  setIf(meta, "uid", msg.string(5));
  setIf(meta, "resourceVersion", msg.string(6));
  setIf(meta, "generation", msg.int(7));
  setIf(meta, "creationTimestamp", timeOf(msg.message(8)));
  setIf(meta, "deletionTimestamp", timeOf(msg.message(9)));
  const grace = msg.int(10);
  if (msg.has(10) && grace !== undefined) meta.deletionGracePeriodSeconds = grace;
  setIf(meta, "labels", stringMap(msg, 11));
  setIf(meta, "annotations", stringMap(msg, 12));
  const owners = msg.repeatedMessages(13).map(ownerReference);
  if (owners.length > 0) meta.ownerReferences = owners;
  const finalizers = msg.repeatedStrings(14);
  if (finalizers.length > 0) meta.finalizers = finalizers;
  const managedFields = msg.repeatedMessages(17).map(managedFieldsEntry);
  if (managedFields.length > 0) meta.managedFields = managedFields;
  return meta;
}
