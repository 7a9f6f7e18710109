// What the server fills in when a ReplicationController is decoded
// (upstream: SetDefaults_ReplicationController, and SetDefaults_PodSpec on
// the template): with template labels, an empty selector and empty
// metadata.labels become those labels; replicas defaults to 1.

import { applyPodTemplateSpecDefaults } from "../pod-spec/template.js";
import type { ReplicationController } from "./schema.js";

export function applyReplicationControllerDefaults(rc: ReplicationController): void {
  rc.spec ??= {};
  const spec = rc.spec;
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels !== undefined) {
    if (Object.keys(spec.selector ?? {}).length === 0) spec.selector = { ...templateLabels };
    if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = { ...templateLabels };
  }
  spec.replicas ??= 1;
  if (spec.template !== undefined) applyPodTemplateSpecDefaults(spec.template);
}
