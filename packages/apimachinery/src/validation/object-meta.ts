// Validation of ObjectMeta on create (upstream's api/validation/objectmeta.go):
// name and generateName, namespace, labels, annotations, owner references,
// finalizers and managedFields. Messages follow upstream's wording.

import type { ManagedFieldsEntry, ObjectMeta, OwnerReference } from "../apis/meta/v1/types.js";
import { FieldPath, forbidden, invalid, required, tooLong, type FieldError } from "./field-errors.js";
import { validateLabels } from "./labels.js";
import { byteLength, isQualifiedName, validateNamespaceName, type ValidateNameFunc } from "./names.js";

type PathLike = FieldPath | string;
const toPath = (path: PathLike): FieldPath => (typeof path === "string" ? FieldPath.root(path) : path);

/** Keys plus values of all annotations may not exceed 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

/** Finalizers the garbage collector acts on; an object may not carry both. */
export const FINALIZER_ORPHAN_DEPENDENTS = "orphan";
export const FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";

export const FIELD_MANAGER_MAX_LENGTH = 128;
export const MAX_SUBRESOURCE_NAME_LENGTH = 256;

const NEGATIVE_MSG = "must be greater than or equal to 0";

/** Annotation keys are qualified names compared case-insensitively; the total size is bounded. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, path: PathLike): FieldError[] {
  const errs: FieldError[] = [];
  let totalSize = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(key.toLowerCase())) errs.push(invalid(path, key, msg));
    totalSize += byteLength(key) + byteLength(value);
  }
  if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errs;
}

/** The version part of an apiVersion (`v1`, `apps/v1`), or "" when it has none or is malformed. */
function versionOf(apiVersion: string): string {
  const parts = apiVersion.split("/");
  if (parts.length === 1) return parts[0] ?? "";
  if (parts.length === 2) return parts[1] ?? "";
  return "";
}

function validateOwnerReference(ref: OwnerReference, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const version = versionOf(ref.apiVersion);
  if (version === "") errs.push(invalid(path.child("apiVersion"), ref.apiVersion, "version must not be empty"));
  if (ref.kind === "") errs.push(invalid(path.child("kind"), ref.kind, "must not be empty"));
  if (ref.name === "") errs.push(invalid(path.child("name"), ref.name, "must not be empty"));
  if (ref.uid === "") errs.push(invalid(path.child("uid"), ref.uid, "must not be empty"));
  // Events are short-lived and would take their dependents with them.
  if (ref.apiVersion === "v1" && ref.kind === "Event") {
    errs.push(invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"));
  }
  return errs;
}

/** Each reference complete, and at most one marked as the controller. */
export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, path: PathLike): FieldError[] {
  const base = toPath(path);
  const errs: FieldError[] = [];
  let firstController = "";
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, base));
    if (ref.controller !== true) continue;
    const current = `${ref.kind}/${ref.name}`;
    if (firstController === "") firstController = current;
    else {
      errs.push(
        invalid(
          base,
          refs,
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
        ),
      );
    }
  }
  return errs;
}

/** Finalizer names are qualified names; `orphan` and `foregroundDeletion` exclude each other. */
export function validateFinalizers(finalizers: readonly string[] | undefined, path: PathLike): FieldError[] {
  const errs: FieldError[] = [];
  for (const finalizer of finalizers ?? []) {
    for (const msg of isQualifiedName(finalizer)) errs.push(invalid(path, finalizer, msg));
  }
  if (finalizers?.includes(FINALIZER_ORPHAN_DEPENDENTS) && finalizers.includes(FINALIZER_DELETE_DEPENDENTS)) {
    errs.push(
      invalid(path, finalizers, `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`),
    );
  }
  return errs;
}

/** A field manager name: at most 128 bytes, printable characters only. */
export function validateFieldManager(manager: string, path: PathLike): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong(path, FIELD_MANAGER_MAX_LENGTH));
  let position = 0; // upstream reports byte offsets
  for (const ch of manager) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) {
      const code = ch.codePointAt(0) ?? 0;
      const hex = code.toString(16).toUpperCase().padStart(4, "0");
      errs.push(invalid(path, manager, `invalid character U+${hex} (at position ${position})`));
    }
    position += byteLength(ch);
  }
  return errs;
}

export function validateManagedFields(entries: readonly ManagedFieldsEntry[] | undefined, path: PathLike): FieldError[] {
  const base = toPath(path);
  const errs: FieldError[] = [];
  (entries ?? []).forEach((entry, i) => {
    const at = base.index(i);
    if (entry.operation !== "Apply" && entry.operation !== "Update") {
      errs.push(invalid(at.child("operation"), entry.operation ?? "", "must be `Apply` or `Update`"));
    }
    if (entry.fieldsType && entry.fieldsType !== "FieldsV1") {
      errs.push(invalid(at.child("fieldsType"), entry.fieldsType, "must be `FieldsV1`"));
    }
    errs.push(...validateFieldManager(entry.manager ?? "", at.child("manager")));
    if (byteLength(entry.subresource ?? "") > MAX_SUBRESOURCE_NAME_LENGTH) {
      errs.push(tooLong(at.child("subresource"), MAX_SUBRESOURCE_NAME_LENGTH));
    }
  });
  return errs;
}

/**
 * Validates an object's metadata on create, after name generation
 * (upstream's ValidateObjectMetaAccessor). `nameFn` is the kind's name rule,
 * e.g. nameIsDNSSubdomain; `namespaced` says whether the kind lives in namespaces.
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  namespaced: boolean,
  nameFn: ValidateNameFunc,
  path: PathLike = "metadata",
): FieldError[] {
  const base = toPath(path);
  const errs: FieldError[] = [];

  if (meta.generateName) {
    for (const msg of nameFn(meta.generateName, true)) errs.push(invalid(base.child("generateName"), meta.generateName, msg));
  }
  if (!meta.name) errs.push(required(base.child("name"), "name or generateName is required"));
  else for (const msg of nameFn(meta.name, false)) errs.push(invalid(base.child("name"), meta.name, msg));

  if (namespaced) {
    if (!meta.namespace) errs.push(required(base.child("namespace")));
    else {
      for (const msg of validateNamespaceName(meta.namespace, false)) {
        errs.push(invalid(base.child("namespace"), meta.namespace, msg));
      }
    }
  } else if (meta.namespace) {
    errs.push(forbidden(base.child("namespace"), "not allowed on this type"));
  }

  if ((meta.generation ?? 0) < 0) errs.push(invalid(base.child("generation"), meta.generation, NEGATIVE_MSG));
  errs.push(...validateLabels(meta.labels, base.child("labels")));
  errs.push(...validateAnnotations(meta.annotations, base.child("annotations")));
  errs.push(...validateOwnerReferences(meta.ownerReferences, base.child("ownerReferences")));
  errs.push(...validateFinalizers(meta.finalizers, base.child("finalizers")));
  errs.push(...validateManagedFields(meta.managedFields, base.child("managedFields")));
  return errs;
}
