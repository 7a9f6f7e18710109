// What the server fills in when a Node is decoded (upstream:
// SetDefaults_NodeStatus and the v1 conversion of NodeSpec): allocatable
// defaults to capacity, and podCIDR and podCIDRs tell the same story
// (podCIDR is podCIDRs[0]; a podCIDR alone becomes the one-element list).

import type { Node } from "./schema.js";

export function applyNodeDefaults(node: Node): void {
  const status = node.status;
  if (status?.capacity !== undefined && status.allocatable === undefined) status.allocatable = { ...status.capacity };
  const spec = node.spec;
  if (spec === undefined) return;
  if ((spec.podCIDRs ?? []).length === 0 && spec.podCIDR) spec.podCIDRs = [spec.podCIDR];
  if ((spec.podCIDRs ?? []).length > 0) spec.podCIDR = spec.podCIDRs![0];
}
