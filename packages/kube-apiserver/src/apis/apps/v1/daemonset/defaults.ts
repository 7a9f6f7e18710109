// What the server fills in when a DaemonSet is decoded (upstream:
// SetDefaults_DaemonSet, and the pod template's defaults): a rolling update
// one node at a time without surge, and ten revisions kept.

import { applyPodTemplateSpecDefaults } from "../../../core/v1/pod-spec/template.js";
import type { DaemonSet } from "./schema.js";

export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

export function applyDaemonSetDefaults(ds: DaemonSet): void {
  const spec = (ds.spec ??= {});
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rollingUpdate = (strategy.rollingUpdate ??= {});
    rollingUpdate.maxUnavailable ??= 1;
    rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT;
  applyPodTemplateSpecDefaults((spec.template ??= {}));
}
