// policy/v1 messages in protobuf (k8s.io/api/policy/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const POLICY_V1: ProtobufPackage = {
  name: "policy/v1",
  group: "policy",
  version: "v1",
  messages: {
    Eviction: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["deleteOptions", "*meta/v1.DeleteOptions"],
    },
    PodDisruptionBudget: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "PodDisruptionBudgetSpec"],
      3: ["status", "PodDisruptionBudgetStatus"],
    },
    PodDisruptionBudgetSpec: {
      1: ["minAvailable", "*IntOrString"],
      2: ["selector", "*meta/v1.LabelSelector"],
      3: ["maxUnavailable", "*IntOrString"],
      4: ["unhealthyPodEvictionPolicy", "*string"],
    },
    PodDisruptionBudgetStatus: {
      1: ["observedGeneration", "int64"],
      2: ["disruptedPods", "map[string]Time"],
      3: ["disruptionsAllowed", "int32", "required"],
      4: ["currentHealthy", "int32", "required"],
      5: ["desiredHealthy", "int32", "required"],
      6: ["expectedPods", "int32", "required"],
      7: ["conditions", "[]meta/v1.Condition"],
    },
  },
};
