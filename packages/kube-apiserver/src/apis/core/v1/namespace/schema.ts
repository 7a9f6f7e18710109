// core/v1 Namespace: a scope for the names of namespaced objects. Every
// field of upstream's v1 type; descriptions in our own words.

import { ObjectMetaSchema, TimeSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";

export const NAMESPACE_ACTIVE = "Active";
export const NAMESPACE_TERMINATING = "Terminating";
export const NAMESPACE_PHASES = [NAMESPACE_ACTIVE, NAMESPACE_TERMINATING] as const;

/** The finalizer every namespace gets on create: the namespace controller removes it once the content is gone. */
export const FINALIZER_KUBERNETES = "kubernetes";

/** The label every namespace carries with its own name, so selectors can pick namespaces by name. */
export const LABEL_METADATA_NAME = "kubernetes.io/metadata.name";

export const NAMESPACE_CONDITION_TYPES = [
  "NamespaceDeletionDiscoveryFailure",
  "NamespaceDeletionContentFailure",
  "NamespaceDeletionGroupVersionParsingFailure",
  "NamespaceContentRemaining",
  "NamespaceFinalizersRemaining",
] as const;

export const NamespaceSpecSchema = z
  .object({
    finalizers: optionalField(
      z
        .array(z.string())
        .meta({ "x-kubernetes-list-type": "atomic" })
        .describe(
          "Cleanup steps that must finish before the namespace is removed from storage. Set to [kubernetes] on create; " +
            "changed only through the finalize subresource.",
        ),
    ),
  })
  .meta({ id: "io.k8s.api.core.v1.NamespaceSpec" })
  .describe("What the namespace should be.");

export const NamespaceConditionSchema = z
  .object({
    type: stringOrEmpty(`Which aspect of the namespace this condition reports on. Known values: ${NAMESPACE_CONDITION_TYPES.join(", ")}.`),
    status: stringOrEmpty("Whether the condition holds: True, False or Unknown."),
    lastTransitionTime: optionalField(TimeSchema.describe("When status last changed from one value to another.")),
    reason: optionalField(z.string().describe("Why the condition last changed, as one CamelCase word for programs.")),
    message: optionalField(z.string().describe("Why the condition last changed, in words for people.")),
  })
  .meta({ id: "io.k8s.api.core.v1.NamespaceCondition" })
  .describe("One observation about the namespace, usually about the progress of its deletion.");

export const NamespaceStatusSchema = z
  .object({
    phase: optionalField(
      knownStrings(NAMESPACE_PHASES, "Where the namespace is in its life: Active, or Terminating once deletion has started."),
    ),
    conditions: optionalField(
      z
        .array(NamespaceConditionSchema)
        .meta({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        })
        .describe("The latest observations of the namespace's state, one per type."),
    ),
  })
  .meta({ id: "io.k8s.api.core.v1.NamespaceStatus" })
  .describe("What the namespace is: its phase and conditions.");

export const NamespaceSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(NamespaceSpecSchema),
  status: optionalField(NamespaceStatusSchema),
}).describe("A scope for names: namespaced objects are unique by name within their namespace.");

export type Namespace = z.infer<typeof NamespaceSchema>;
export type NamespaceStatus = z.infer<typeof NamespaceStatusSchema>;
