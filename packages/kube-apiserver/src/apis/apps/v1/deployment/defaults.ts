// What the server fills in when a Deployment is decoded (upstream:
// SetDefaults_Deployment in pkg/apis/apps/v1/defaults.go, and the pod
// template's defaults): one replica, a rolling update of 25%/25%, ten old
// ReplicaSets kept, and a ten-minute progress deadline.

import { applyPodTemplateSpecDefaults } from "../../../core/v1/pod-spec/template.js";
import type { Deployment } from "./schema.js";

export const DEFAULT_MAX_UNAVAILABLE = "25%";
export const DEFAULT_MAX_SURGE = "25%";
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

export function applyDeploymentDefaults(d: Deployment): void {
  const spec = (d.spec ??= {});
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rollingUpdate = (strategy.rollingUpdate ??= {});
    rollingUpdate.maxUnavailable ??= DEFAULT_MAX_UNAVAILABLE;
    rollingUpdate.maxSurge ??= DEFAULT_MAX_SURGE;
  }
  spec.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT;
  spec.progressDeadlineSeconds ??= DEFAULT_PROGRESS_DEADLINE_SECONDS;
  applyPodTemplateSpecDefaults((spec.template ??= {}));
}
