// meta.k8s.io/v1 shapes every object shares: TypeMeta, ObjectMeta, ListMeta,
// OwnerReference and ManagedFieldsEntry. Each zod schema is the single source
// of truth: the TypeScript type is inferred from it, and decoding goes through it.
//
// Unknown fields: like upstream, decoding drops fields these types do not
// declare (plain `z.object` strips them). The free-form parts upstream keeps
// verbatim (`fieldsV1`) are records of unknown values, so nothing inside them is lost.

import { z } from "zod";
import { optionalField, knownStrings, stringOrEmpty } from "./schema-helpers.js";
import { TimeSchema } from "./time.js";

export const TypeMetaSchema = z.object({
  apiVersion: optionalField(z.string().describe("Group and version of the schema, e.g. `v1` or `apps/v1`.")),
  kind: optionalField(z.string().describe("The object's kind in CamelCase, e.g. `Pod`.")),
});
export type TypeMeta = z.infer<typeof TypeMetaSchema>;

export const OwnerReferenceSchema = z.object({
  apiVersion: stringOrEmpty("Group and version of the owner."),
  kind: stringOrEmpty("Kind of the owner."),
  name: stringOrEmpty("Name of the owner, in the same namespace as the dependent."),
  uid: stringOrEmpty("UID of the owner; a new object with the same name is a different owner."),
  controller: optionalField(z.boolean().describe("True on the one owner that manages this object.")),
  blockOwnerDeletion: optionalField(
    z.boolean().describe("With foreground deletion, the owner is not removed until this dependent is gone."),
  ),
});
export type OwnerReference = z.infer<typeof OwnerReferenceSchema>;

/** The operations a managedFields entry records. */
export const MANAGED_FIELDS_OPERATIONS = ["Apply", "Update"] as const;

export const ManagedFieldsEntrySchema = z.object({
  manager: optionalField(z.string().describe("Name of the client that owns these fields (the fieldManager).")),
  operation: optionalField(knownStrings(MANAGED_FIELDS_OPERATIONS, "How the manager last wrote the fields.")),
  apiVersion: optionalField(z.string().describe("Version of the object the field set was recorded against.")),
  time: optionalField(TimeSchema.describe("When the manager last changed one of these fields.")),
  fieldsType: optionalField(z.string().describe("Format of fieldsV1; only `FieldsV1` exists.")),
  fieldsV1: optionalField(
    z.record(z.string(), z.unknown()).describe("The set of owned fields as a trie of `f:`, `k:`, `v:` and `i:` keys."),
  ),
  subresource: optionalField(z.string().describe("Subresource the write went through, e.g. `status`; empty for the main resource.")),
});
export type ManagedFieldsEntry = z.infer<typeof ManagedFieldsEntrySchema>;

const StringMap = z.record(z.string(), z.string());

export const ObjectMetaSchema = z.object({
  name: optionalField(z.string().describe("Name, unique per kind within a namespace (or the cluster, if cluster-scoped).")),
  generateName: optionalField(
    z.string().describe("Prefix from which the server makes a unique name when `name` is empty."),
  ),
  namespace: optionalField(z.string().describe("Namespace the object lives in; empty for cluster-scoped objects.")),
  selfLink: optionalField(z.string().describe("Deprecated and no longer set by the server.")),
  uid: optionalField(z.string().describe("Identifier the server assigns at creation; never reused.")),
  resourceVersion: optionalField(
    z.string().describe("Opaque version of this object, changed by every write; used for concurrency checks and watches."),
  ),
  generation: optionalField(z.number().int().describe("Counter of changes to the desired state, set by the server.")),
  creationTimestamp: optionalField(TimeSchema.describe("When the server stored the object; set by the server.")),
  deletionTimestamp: optionalField(
    TimeSchema.describe("Set when deletion was requested but finalizers or a grace period keep the object around."),
  ),
  deletionGracePeriodSeconds: optionalField(
    z.number().int().describe("Seconds the object was given to terminate once deletion was requested."),
  ),
  labels: optionalField(StringMap.describe("Key/value pairs used by label selectors to group and select objects.")),
  annotations: optionalField(StringMap.describe("Key/value pairs for tools and users; not used for selection.")),
  // Strategic merge patch merges these lists instead of replacing them, as upstream:
  // owner references by uid, finalizers as a set.
  ownerReferences: optionalField(
    z
      .array(OwnerReferenceSchema)
      .describe("Objects this one depends on; the garbage collector deletes orphans.")
      .meta({ "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "uid" }),
  ),
  finalizers: optionalField(
    z
      .array(z.string())
      .describe("Names of controllers that must finish cleanup before the object is removed.")
      .meta({ "x-kubernetes-patch-strategy": "merge", "x-kubernetes-list-type": "set" }),
  ),
  managedFields: optionalField(
    z.array(ManagedFieldsEntrySchema).describe("Which field manager owns which fields (server-side apply bookkeeping)."),
  ),
});
export type ObjectMeta = z.infer<typeof ObjectMetaSchema>;

export const ListMetaSchema = z.object({
  selfLink: optionalField(z.string().describe("Deprecated and no longer set by the server.")),
  resourceVersion: optionalField(z.string().describe("Store revision at which the list was read.")),
  continue: optionalField(z.string().describe("Opaque token to fetch the next page; empty on the last page.")),
  remainingItemCount: optionalField(
    z.number().int().describe("How many items follow this page; an estimate, absent when selectors are used."),
  ),
});
export type ListMeta = z.infer<typeof ListMetaSchema>;

/** Any API object: type meta, object meta, and the kind's own fields. */
export interface KubeObject extends TypeMeta {
  metadata: ObjectMeta;
  [field: string]: unknown;
}
