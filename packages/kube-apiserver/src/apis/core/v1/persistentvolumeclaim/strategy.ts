// How PersistentVolumeClaims are written (upstream:
// pkg/registry/core/persistentvolumeclaim/strategy.go and
// pkg/api/persistentvolumeclaim/util.go):
//
// - create: status is reset to phase Pending; a dataSource that is neither a
//   PVC nor a VolumeSnapshot is dropped, and dataSource and dataSourceRef
//   are filled from each other (AnyVolumeDataSource, on by default);
// - update of the main resource: status is kept (the library does), and the
//   spec may change only as validation.ts allows;
// - /status: the spec is kept;
// - fields of features off by default in v1.32 are dropped unless already
//   set: volumeAttributesClassName (and its status fields) and
//   dataSourceRef.namespace (CrossNamespaceVolumeDataSource);
// - no metadata.generation.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { PVC_PENDING, applyPersistentVolumeClaimDefaults } from "./defaults.js";
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeClaimStatus } from "./schema.js";
import { validatePersistentVolumeClaim, validatePersistentVolumeClaimStatusUpdate, validatePersistentVolumeClaimUpdate } from "./validation.js";

function dropDisabledSpecFields(spec: PersistentVolumeClaimSpec, old: PersistentVolumeClaimSpec | undefined): void {
  if (old?.volumeAttributesClassName === undefined) delete spec.volumeAttributesClassName;
  if (spec.dataSourceRef?.namespace && old?.dataSourceRef === undefined) delete spec.dataSourceRef.namespace;
}

function dropDisabledStatusFields(status: PersistentVolumeClaimStatus | undefined, old: PersistentVolumeClaimStatus | undefined): void {
  if (status === undefined) return;
  if (old?.currentVolumeAttributesClassName === undefined) delete status.currentVolumeAttributesClassName;
  if (old?.modifyVolumeStatus === undefined) delete status.modifyVolumeStatus;
}

/** The data sources a claim could always name: another claim, or a volume snapshot. */
function isLegacyDataSource(spec: PersistentVolumeClaimSpec): boolean {
  const src = spec.dataSource;
  if (src === undefined) return false;
  const group = src.apiGroup ?? "";
  return (group === "" && src.kind === "PersistentVolumeClaim") || (group === "snapshot.storage.k8s.io" && src.kind === "VolumeSnapshot");
}

/** upstream EnforceDataSourceBackwardsCompatibility: other kinds belong in dataSourceRef, so dataSource drops them. */
function enforceDataSourceCompatibility(spec: PersistentVolumeClaimSpec, old: PersistentVolumeClaimSpec | undefined): void {
  if (old?.dataSource !== undefined) return;
  if (!isLegacyDataSource(spec)) delete spec.dataSource;
}

/** upstream NormalizeDataSources: whichever of dataSource and dataSourceRef is set fills the other. */
function normalizeDataSources(spec: PersistentVolumeClaimSpec): void {
  const { dataSource, dataSourceRef } = spec;
  if (dataSource !== undefined && dataSourceRef === undefined) {
    spec.dataSourceRef = { kind: dataSource.kind, name: dataSource.name, ...(dataSource.apiGroup !== undefined ? { apiGroup: dataSource.apiGroup } : {}) };
  } else if (dataSourceRef !== undefined && dataSource === undefined && !dataSourceRef.namespace) {
    spec.dataSource = { kind: dataSourceRef.kind, name: dataSourceRef.name, ...(dataSourceRef.apiGroup !== undefined ? { apiGroup: dataSourceRef.apiGroup } : {}) };
  }
}

export const persistentVolumeClaimStrategy: Strategy<PersistentVolumeClaim> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyPersistentVolumeClaimDefaults,

  prepareForCreate(pvc) {
    pvc.status = { phase: PVC_PENDING };
    const spec = (pvc.spec ??= {});
    dropDisabledSpecFields(spec, undefined);
    enforceDataSourceCompatibility(spec, undefined);
    normalizeDataSources(spec);
  },
  prepareForUpdate(pvc, old) {
    const spec = (pvc.spec ??= {});
    dropDisabledSpecFields(spec, old.spec);
    enforceDataSourceCompatibility(spec, old.spec);
  },
  prepareForStatusUpdate(pvc, old) {
    dropDisabledStatusFields(pvc.status, old.status);
  },

  validate: validatePersistentVolumeClaim,
  validateUpdate: validatePersistentVolumeClaimUpdate,
  validateStatusUpdate: validatePersistentVolumeClaimStatusUpdate,

  canonicalize: dropGeneration,
};
