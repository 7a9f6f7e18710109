// core/v1 PersistentVolumeClaim: a request for storage that binds to one
// PersistentVolume. Every field of upstream's v1 type (k8s.io/api core/v1,
// v1.32); descriptions in our own words. The spec is the one pod volumes'
// claim templates use (../pod-spec/).

import { ObjectMetaSchema, TimeSchema, TypeMetaSchema, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { ATOMIC, PersistentVolumeClaimSpecSchema, ResourceListSchema, mergeBy } from "../pod-spec/schema.js";

export const PVC_PHASES = ["Pending", "Bound", "Lost"] as const;
export const PVC_CONDITION_TYPES = ["Resizing", "FileSystemResizePending", "ModifyVolumeError", "ModifyingVolume"] as const;
export const CLAIM_RESOURCE_STATUSES = [
  "ControllerResizeInProgress",
  "ControllerResizeFailed",
  "NodeResizePending",
  "NodeResizeInProgress",
  "NodeResizeFailed",
] as const;

const opt = optionalField;
const str = (d: string) => opt(z.string().describe(d));

function obj<T extends z.ZodRawShape>(id: string, shape: T, description: string) {
  return z.object(shape).meta({ id: `io.k8s.api.core.v1.${id}` }).describe(description);
}

export const PersistentVolumeClaimConditionSchema = obj("PersistentVolumeClaimCondition", {
  type: stringOrEmpty(`Which aspect of the claim this condition reports on. Known values: ${PVC_CONDITION_TYPES.join(", ")}.`),
  status: stringOrEmpty("True, False or Unknown."),
  lastProbeTime: opt(TimeSchema.describe("When the condition was last checked.")),
  lastTransitionTime: opt(TimeSchema.describe("When status last changed from one value to another.")),
  reason: str("Why the condition last changed, as one CamelCase word (Resizing while the volume grows)."),
  message: str("Why the condition last changed, in words."),
}, "One observation about the claim, e.g. a resize in progress.");

export const ModifyVolumeStatusSchema = obj("ModifyVolumeStatus", {
  targetVolumeAttributesClassName: str("The VolumeAttributesClass the claim is being moved to."),
  status: stringOrEmpty("Pending, InProgress or Infeasible."),
}, "The state of a change of the claim's VolumeAttributesClass.");

export const PersistentVolumeClaimStatusSchema = obj("PersistentVolumeClaimStatus", {
  phase: str(`Where the claim is in its life. Known values: ${PVC_PHASES.join(", ")}.`),
  accessModes: opt(z.array(z.string()).meta(ATOMIC).describe("The access modes of the volume bound to the claim.")),
  capacity: opt(ResourceListSchema.describe("The actual size of the bound volume.")),
  conditions: opt(z.array(PersistentVolumeClaimConditionSchema).meta(mergeBy("type")).describe("The latest observations of the claim, one per type.")),
  allocatedResources: opt(ResourceListSchema.describe("What is allocated to the claim, its capacity included; may exceed it during an expansion.")),
  allocatedResourceStatuses: opt(
    z.record(z.string(), z.string())
      .meta({ "x-kubernetes-map-type": "granular" })
      .describe(`The state of a resize, per resource. Known values: ${CLAIM_RESOURCE_STATUSES.join(", ")}.`),
  ),
  currentVolumeAttributesClassName: str("The VolumeAttributesClass the claim uses now."),
  modifyVolumeStatus: opt(ModifyVolumeStatusSchema),
}, "What the claim is: its phase, the bound volume's modes and capacity, and resize progress.");

export const PersistentVolumeClaimSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: opt(PersistentVolumeClaimSpecSchema),
  status: opt(PersistentVolumeClaimStatusSchema),
})
  .meta({ id: "io.k8s.api.core.v1.PersistentVolumeClaim" })
  .describe("A request for storage, bound to one PersistentVolume.");

export type PersistentVolumeClaim = z.infer<typeof PersistentVolumeClaimSchema>;
export type PersistentVolumeClaimSpec = z.infer<typeof PersistentVolumeClaimSpecSchema>;
export type PersistentVolumeClaimStatus = z.infer<typeof PersistentVolumeClaimStatusSchema>;
