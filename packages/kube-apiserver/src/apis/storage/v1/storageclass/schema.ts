// storage.k8s.io/v1 StorageClass (cluster-scoped): a kind of storage that
// volumes can be provisioned from dynamically. Every field of upstream's
// v1.32 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";

export const RECLAIM_POLICIES = ["Delete", "Retain"] as const;
export const VOLUME_BINDING_MODES = ["Immediate", "WaitForFirstConsumer"] as const;
/** Set to "true" on the class that claims without a storageClassName get. */
export const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
/** The same, as older clusters wrote it. */
export const BETA_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";

const ATOMIC = { "x-kubernetes-list-type": "atomic" } as const;

export const TopologySelectorLabelRequirementSchema = z
  .object({
    key: stringOrEmpty("The label key."),
    values: z.array(z.string()).meta(ATOMIC).default([]).describe("The values the label may have (any of them); at least one."),
  })
  .meta({ id: "io.k8s.api.core.v1.TopologySelectorLabelRequirement" })
  .describe("A label and the values it may have.");

export const TopologySelectorTermSchema = z
  .object({
    matchLabelExpressions: optionalField(
      z.array(TopologySelectorLabelRequirementSchema).meta(ATOMIC).describe("Requirements on topology labels; all must hold."),
    ),
  })
  .meta({ id: "io.k8s.api.core.v1.TopologySelectorTerm", "x-kubernetes-map-type": "atomic" })
  .describe("A topology domain, selected by its labels.");

export const StorageClassSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  // Always serialized upstream; defaults.ts fills it in.
  provisioner: optionalField(z.string().describe("The provisioner that creates volumes of this class (e.g. ebs.csi.aws.com). Required; cannot change.")),
  parameters: optionalField(
    z.record(z.string(), z.string()).describe("Settings for the provisioner; at most 512, 256 KiB in all. Cannot change."),
  ),
  reclaimPolicy: optionalField(knownStrings(RECLAIM_POLICIES, "What happens to a provisioned volume when its claim goes away. Default Delete; cannot change.")),
  mountOptions: optionalField(
    z.array(z.string()).meta(ATOMIC).describe("Mount options for the volumes of this class (e.g. [\"ro\", \"soft\"]); not checked, a bad one fails the mount."),
  ),
  allowVolumeExpansion: optionalField(z.boolean().describe("Whether the volumes of this class may be resized.")),
  volumeBindingMode: optionalField(
    knownStrings(VOLUME_BINDING_MODES, "When claims are bound and provisioned: at once, or once a pod uses them. Default Immediate; cannot change."),
  ),
  allowedTopologies: optionalField(
    z.array(TopologySelectorTermSchema).meta(ATOMIC).describe("Where volumes may be provisioned; empty means anywhere. Only for provisioners that support it."),
  ),
}).describe("A kind of storage, with the provisioner and settings volumes of that kind are created with.");

export type StorageClass = z.infer<typeof StorageClassSchema>;
export type TopologySelectorTerm = z.infer<typeof TopologySelectorTermSchema>;
