// Validation the access reviews share (upstream:
// pkg/apis/authorization/validation): exactly one of resourceAttributes and
// nonResourceAttributes; selectors in one form or the other; and metadata
// left empty, since a review is a question, not an object to keep.

import { type FieldError, FieldPath, type ObjectMeta, invalid, required, semanticEqual } from "@tskube/apimachinery";
import { goPointer, goStringMap, goStringSlice, invalidGo } from "../../../apps/v1/workload/go-value.js";
import type { FieldSelectorAttributesSchema, NonResourceAttributes, ResourceAttributes } from "./schema.js";
import type { z } from "zod";

export interface AttributesSpec {
  resourceAttributes?: ResourceAttributes | undefined;
  nonResourceAttributes?: NonResourceAttributes | undefined;
}

/** NonResourceAttributes as Go's `%#v` prints upstream's internal type. */
export function goNonResourceAttributes(attrs: NonResourceAttributes): string {
  return `authorization.NonResourceAttributes{Path:${JSON.stringify(attrs.path ?? "")}, Verb:${JSON.stringify(attrs.verb ?? "")}}`;
}

type SelectorAttributes = z.infer<typeof FieldSelectorAttributesSchema>;

function validateSelectorAttributes(selector: Pick<SelectorAttributes, "rawSelector"> & { requirements?: unknown[] | undefined }, path: FieldPath): FieldError[] {
  const raw = selector.rawSelector ?? "";
  const requirements = selector.requirements ?? [];
  if (raw !== "" && requirements.length > 0) return [invalid(path.child("rawSelector"), raw, "may not specified at the same time as requirements")];
  if (raw === "" && requirements.length === 0) return [required(path.child("requirements"), `when ${path.toString()} is specified, requirements or rawSelector is required`)];
  return [];
}

export function validateAttributesSpec(spec: AttributesSpec): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root("spec");
  if (spec.resourceAttributes !== undefined && spec.nonResourceAttributes !== undefined) {
    errs.push(invalidGo(path.child("nonResourceAttributes"), goNonResourceAttributes(spec.nonResourceAttributes), "cannot be specified in combination with resourceAttributes"));
  }
  if (spec.resourceAttributes === undefined && spec.nonResourceAttributes === undefined) {
    // Upstream reports the (missing) nonResourceAttributes as the bad value, printed "null".
    errs.push(invalid(path.child("resourceAttributes"), "null", "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
  }
  const attrs = spec.resourceAttributes;
  if (attrs?.fieldSelector) errs.push(...validateSelectorAttributes(attrs.fieldSelector, path.child("resourceAttributes", "fieldSelector")));
  if (attrs?.labelSelector) errs.push(...validateSelectorAttributes(attrs.labelSelector, path.child("resourceAttributes", "labelSelector")));
  return errs;
}

/** `metadata: Invalid value: v1.ObjectMeta{...}: must be empty`, unless it is (managedFields aside; namespace too when `allowNamespace`). */
export function validateEmptyMetadata(meta: ObjectMeta, allowNamespace: boolean): FieldError[] {
  const { managedFields: _managed, namespace, ...rest } = meta;
  if (semanticEqual(allowNamespace ? rest : { ...rest, namespace }, {})) return [];
  return [invalidGo(FieldPath.root("metadata"), goObjectMeta(meta), allowNamespace ? "must be empty except for namespace" : "must be empty")];
}

/** ObjectMeta as Go's `%#v` prints it (the fields a review's client might set shown; pointers as pointers). */
function goObjectMeta(meta: ObjectMeta): string {
  const q = (s: string | undefined) => JSON.stringify(s ?? "");
  const time = (t: string | undefined) => (t ? `v1.Time{Time:time.Date(${goDate(t)}, time.UTC)}` : "v1.Time{Time:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)}");
  return (
    `v1.ObjectMeta{Name:${q(meta.name)}, GenerateName:${q(meta.generateName)}, Namespace:${q(meta.namespace)}, SelfLink:${q(meta.selfLink)}, ` +
    `UID:${q(meta.uid)}, ResourceVersion:${q(meta.resourceVersion)}, Generation:${meta.generation ?? 0}, CreationTimestamp:${time(meta.creationTimestamp)}, ` +
    `DeletionTimestamp:${goPointer("v1.Time", meta.deletionTimestamp !== undefined)}, DeletionGracePeriodSeconds:${goPointer("int64", meta.deletionGracePeriodSeconds !== undefined)}, ` +
    `Labels:${goStringMap(meta.labels)}, Annotations:${goStringMap(meta.annotations)}, ` +
    `OwnerReferences:${goOwnerReferences(meta.ownerReferences)}, Finalizers:${goStringSlice(meta.finalizers)}, ManagedFields:[]v1.ManagedFieldsEntry(nil)}`
  );
}

function goOwnerReferences(refs: ObjectMeta["ownerReferences"]): string {
  if (refs === undefined) return "[]v1.OwnerReference(nil)";
  const one = (r: NonNullable<ObjectMeta["ownerReferences"]>[number]) =>
    `v1.OwnerReference{APIVersion:${JSON.stringify(r.apiVersion)}, Kind:${JSON.stringify(r.kind)}, Name:${JSON.stringify(r.name)}, UID:${JSON.stringify(r.uid)}, ` +
    `Controller:${goPointer("bool", r.controller !== undefined)}, BlockOwnerDeletion:${goPointer("bool", r.blockOwnerDeletion !== undefined)}}`;
  return `[]v1.OwnerReference{${refs.map(one).join(", ")}}`;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `2024, time.March, 5, 10, 0, 0, 0` from an RFC 3339 time. */
function goDate(rfc3339: string): string {
  const d = new Date(rfc3339);
  return `${d.getUTCFullYear()}, time.${MONTHS[d.getUTCMonth()]}, ${d.getUTCDate()}, ${d.getUTCHours()}, ${d.getUTCMinutes()}, ${d.getUTCSeconds()}, 0`;
}
