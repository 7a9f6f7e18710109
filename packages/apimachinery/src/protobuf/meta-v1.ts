// meta/v1 messages in protobuf (k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "./table.js";

export const META_V1: ProtobufPackage = {
  name: "meta/v1",
  group: "meta.k8s.io",
  version: "v1",
  messages: {
    Condition: {
      1: ["type", "string", "required"],
      2: ["status", "string", "required"],
      3: ["observedGeneration", "int64"],
      4: ["lastTransitionTime", "Time"],
      5: ["reason", "string", "required"],
      6: ["message", "string", "required"],
    },
    DeleteOptions: {
      1: ["gracePeriodSeconds", "*int64"],
      2: ["preconditions", "*Preconditions"],
      3: ["orphanDependents", "*bool"],
      4: ["propagationPolicy", "*string"],
      5: ["dryRun", "[]string"],
      6: ["ignoreStoreReadErrorWithClusterBreakingPotential", "*bool"],
    },
    FieldSelectorRequirement: {
      1: ["key", "string", "required"],
      2: ["operator", "string", "required"],
      3: ["values", "[]string"],
    },
    LabelSelector: {
      1: ["matchLabels", "map[string]string"],
      2: ["matchExpressions", "[]LabelSelectorRequirement"],
    },
    LabelSelectorRequirement: {
      1: ["key", "string", "required"],
      2: ["operator", "string", "required"],
      3: ["values", "[]string"],
    },
    ListMeta: {
      1: ["selfLink", "string"],
      2: ["resourceVersion", "string"],
      3: ["continue", "string"],
      4: ["remainingItemCount", "*int64"],
    },
    ManagedFieldsEntry: {
      1: ["manager", "string"],
      2: ["operation", "string"],
      3: ["apiVersion", "string"],
      4: ["time", "*Time"],
      6: ["fieldsType", "string"],
      7: ["fieldsV1", "*FieldsV1"],
      8: ["subresource", "string"],
    },
    ObjectMeta: {
      1: ["name", "string"],
      2: ["generateName", "string"],
      3: ["namespace", "string"],
      4: ["selfLink", "string"],
      5: ["uid", "string"],
      6: ["resourceVersion", "string"],
      7: ["generation", "int64"],
      8: ["creationTimestamp", "Time"],
      9: ["deletionTimestamp", "*Time"],
      10: ["deletionGracePeriodSeconds", "*int64"],
      11: ["labels", "map[string]string"],
      12: ["annotations", "map[string]string"],
      13: ["ownerReferences", "[]OwnerReference"],
      14: ["finalizers", "[]string"],
      17: ["managedFields", "[]ManagedFieldsEntry"],
    },
    OwnerReference: {
      1: ["kind", "string", "required"],
      3: ["name", "string", "required"],
      4: ["uid", "string", "required"],
      5: ["apiVersion", "string", "required"],
      6: ["controller", "*bool"],
      7: ["blockOwnerDeletion", "*bool"],
    },
    Preconditions: {
      1: ["uid", "*string"],
      2: ["resourceVersion", "*string"],
    },
  },
};
