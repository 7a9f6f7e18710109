// What the server fills in when a StatefulSet is decoded (upstream:
// SetDefaults_StatefulSet, and the defaults of the pod template and of the
// claim templates): one replica, OrderedReady, a rolling update from
// partition 0, claims retained, ten revisions kept. The claim templates get
// a claim's defaults (volumeMode Filesystem, status phase Pending).

import { applyPersistentVolumeClaimDefaults } from "../../../core/v1/persistentvolumeclaim/defaults.js";
import { applyPodTemplateSpecDefaults } from "../../../core/v1/pod-spec/template.js";
import type { StatefulSet } from "./schema.js";

export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

export function applyStatefulSetDefaults(sts: StatefulSet): void {
  const spec = (sts.spec ??= { serviceName: "" });
  spec.podManagementPolicy ||= "OrderedReady";
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = "RollingUpdate";
    strategy.rollingUpdate ??= {};
  }
  // As upstream: an explicit RollingUpdate without parameters keeps none.
  if (strategy.type === "RollingUpdate" && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= "Retain";
  retention.whenScaled ||= "Retain";
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT;
  applyPodTemplateSpecDefaults((spec.template ??= {}));
  for (const claim of spec.volumeClaimTemplates ?? []) applyPersistentVolumeClaimDefaults(claim);
}
