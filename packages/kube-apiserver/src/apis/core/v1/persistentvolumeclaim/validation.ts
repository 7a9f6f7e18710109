// Validation of PersistentVolumeClaims (upstream:
// ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeClaimUpdate and
// ValidatePersistentVolumeClaimStatusUpdate in pkg/apis/core/validation).
//
// After creation the spec is fixed, except that volumeName may be set once
// (by the binder), storageClassName may be set where it was unset or came
// from the beta annotation, and a bound claim may change its storage
// request. Since v1.32 (RecoverVolumeExpansionFailure, on by default) a
// request may also shrink, but not to or below status.capacity.

import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  isDNS1123Subdomain,
  notSupported,
  required,
  validateLabelSelector,
  validateNamespaceName,
} from "@tskube/apimachinery";
import { parseQuantity } from "../pod-spec/quantity.js";
import { BETA_STORAGE_CLASS_ANNOTATION } from "../persistentvolume/table.js";
import { quantityOrError, validatePositiveQuantity, validateResourceQuantityValue } from "../validation/quantity.js";
import { fieldDiff, sameJSON } from "../validation/semantic-equal.js";
import { validateAccessModes, validateClassName, validateVolumeMode } from "../validation/volume-access.js";
import { CLAIM_RESOURCE_STATUSES, type PersistentVolumeClaim, type PersistentVolumeClaimSpec } from "./schema.js";

const SPEC = FieldPath.root("spec");
const IMMUTABLE = "field is immutable";
const SPEC_IMMUTABLE = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

type DataSource = NonNullable<PersistentVolumeClaimSpec["dataSourceRef"]>;

/** A data source (dataSource or dataSourceRef): name and kind, and a PVC when the group is the core one. */
function validateDataSource(ref: DataSource, path: FieldPath, allowInvalidGroup: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.name === "") errs.push(required(path.child("name")));
  if (ref.kind === "") errs.push(required(path.child("kind")));
  const group = ref.apiGroup ?? "";
  if (group !== "" && !allowInvalidGroup) for (const msg of isDNS1123Subdomain(group)) errs.push(invalid(path.child("apiGroup"), group, msg));
  if (group === "" && ref.kind !== "PersistentVolumeClaim") {
    errs.push(invalid(path, ref.kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (ref.namespace) for (const msg of validateNamespaceName(ref.namespace, false)) errs.push(invalid(path.child("namespace"), ref.namespace, msg));
  return errs;
}

const sameSource = (a: DataSource, b: DataSource): boolean => (a.apiGroup ?? "") === (b.apiGroup ?? "") && a.kind === b.kind && a.name === b.name;

export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec, path: FieldPath = SPEC, allowInvalidGroup = false): FieldError[] {
  const errs: FieldError[] = [];
  const accessModes = spec.accessModes ?? [];
  if (accessModes.length === 0) errs.push(required(path.child("accessModes"), "at least 1 access mode is required"));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, path.child("selector")));
  errs.push(...validateAccessModes(accessModes, path.child("accessModes")));

  // As upstream, the request's path is spec.resources[storage].
  const storagePath = path.child("resources").key("storage");
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(storagePath));
  else {
    const positive = validatePositiveQuantity(storage, storagePath);
    errs.push(...(positive.length > 0 ? positive : validateResourceQuantityValue("storage", storage, storagePath)));
  }

  if (spec.storageClassName) errs.push(...validateClassName(spec.storageClassName, path.child("storageClassName")));
  errs.push(...validateVolumeMode(spec.volumeMode, path.child("volumeMode")));
  if (spec.dataSource) errs.push(...validateDataSource(spec.dataSource, path.child("dataSource"), allowInvalidGroup));
  if (spec.dataSourceRef) errs.push(...validateDataSource(spec.dataSourceRef, path.child("dataSourceRef"), allowInvalidGroup));
  if (spec.dataSourceRef?.namespace) {
    if (spec.dataSource) errs.push(invalid(path, "spec.dataSource", "may not be specified when dataSourceRef.namespace is specified"));
  } else if (spec.dataSource && spec.dataSourceRef && !sameSource(spec.dataSource, spec.dataSourceRef)) {
    errs.push(invalid(path, "spec.dataSource", "must match dataSourceRef"));
  }
  return errs;
}

export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim): FieldError[] {
  return validatePersistentVolumeClaimSpec(pvc.spec ?? {});
}

/** A data source whose group is not a DNS subdomain, stored before that was checked: updates may keep it. */
function hasInvalidGroup(spec: PersistentVolumeClaimSpec | undefined): boolean {
  return [spec?.dataSource?.apiGroup, spec?.dataSourceRef?.apiGroup].some((g) => g && isDNS1123Subdomain(g).length > 0);
}

/** Amounts as numbers, so that 1Gi and 1024Mi compare equal, as upstream's semantic equality has it. */
function normalizeAmounts(spec: PersistentVolumeClaimSpec): void {
  for (const list of [spec.resources?.requests, spec.resources?.limits]) {
    if (list === undefined) continue;
    for (const [name, value] of Object.entries(list)) list[name] = String(parseQuantity(value) ?? value);
  }
}

export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs = validatePersistentVolumeClaimSpec(pvc.spec ?? {}, SPEC, hasInvalidGroup(old.spec));
  const next = structuredClone(pvc.spec ?? {});
  const prev = structuredClone(old.spec ?? {});

  // The binder sets volumeName once.
  if (!prev.volumeName) prev.volumeName = next.volumeName;

  // storageClassName may be set from the beta annotation's value, or where it was unset.
  const oldAnnotations = old.metadata.annotations ?? {};
  const newAnnotations = pvc.metadata.annotations ?? {};
  const oldClass = oldAnnotations[BETA_STORAGE_CLASS_ANNOTATION];
  const newClass = newAnnotations[BETA_STORAGE_CLASS_ANNOTATION];
  const fromAnnotation =
    oldClass !== undefined && prev.storageClassName === undefined && next.storageClassName === oldClass && (newClass === undefined || newClass === oldClass);
  if (fromAnnotation) {
    delete next.storageClassName;
  } else {
    if ((newClass ?? "") !== (oldClass ?? "")) {
      errs.push(invalid(FieldPath.root("metadata", "annotations", BETA_STORAGE_CLASS_ANNOTATION), newClass ?? "", IMMUTABLE));
    }
    if (oldClass === undefined && prev.storageClassName === undefined && next.storageClassName !== undefined) delete next.storageClassName;
  }

  // A bound claim may change its storage request (checked below).
  if (pvc.status?.phase === "Bound" && next.resources?.requests !== undefined) {
    const oldStorage = prev.resources?.requests?.storage;
    if (oldStorage === undefined) delete next.resources.requests.storage;
    else next.resources.requests.storage = oldStorage;
  }
  normalizeAmounts(next);
  normalizeAmounts(prev);
  if (!sameJSON(next, prev)) errs.push(forbidden(SPEC, `${SPEC_IMMUTABLE}\n${fieldDiff("spec", prev, next)}`));

  const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage ?? "0") ?? 0;
  const oldSize = parseQuantity(old.spec?.resources?.requests?.storage ?? "0") ?? 0;
  const statusSize = parseQuantity(old.status?.capacity?.storage ?? "0") ?? 0;
  if (newSize < oldSize && newSize <= statusSize) {
    errs.push(forbidden(FieldPath.root("spec", "resources", "requests", "storage"), "field can not be less than status.capacity"));
  }
  if ((pvc.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) errs.push(invalid("volumeMode", pvc.spec?.volumeMode ?? null, IMMUTABLE));
  return errs;
}

export function validatePersistentVolumeClaimStatusUpdate(pvc: PersistentVolumeClaim): FieldError[] {
  const errs: FieldError[] = [];
  if ((pvc.spec?.accessModes ?? []).length === 0) errs.push(required(FieldPath.root("Spec", "accessModes")));
  const status = pvc.status ?? {};
  for (const field of ["capacity", "allocatedResources"] as const) {
    for (const [name, value] of Object.entries(status[field] ?? {})) {
      const p = FieldPath.root("status", field).key(name);
      const n = quantityOrError(value, p, errs);
      if (n !== undefined && n < 0) errs.push(invalid(p, Math.ceil(n), "must be a valid resource quantity"));
    }
  }
  const known = [...CLAIM_RESOURCE_STATUSES].sort();
  for (const [name, state] of Object.entries(status.allocatedResourceStatuses ?? {})) {
    // Upstream reports the resource name, not the state, as the bad value.
    if (!known.includes(state as (typeof known)[number])) errs.push(notSupported(FieldPath.root("status", "allocatedResourceStatus"), name, known));
  }
  return errs;
}
