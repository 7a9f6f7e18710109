// What the server fills in when a ReplicaSet is decoded (upstream:
// SetDefaults_ReplicaSet, and the pod template's defaults): one replica.

import { applyPodTemplateSpecDefaults } from "../../../core/v1/pod-spec/template.js";
import type { ReplicaSet } from "./schema.js";

export function applyReplicaSetDefaults(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {});
  spec.replicas ??= 1;
  applyPodTemplateSpecDefaults((spec.template ??= {}));
}
