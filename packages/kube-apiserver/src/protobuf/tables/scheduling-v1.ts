// scheduling/v1 messages in protobuf (k8s.io/api/scheduling/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const SCHEDULING_V1: ProtobufPackage = {
  name: "scheduling/v1",
  group: "scheduling.k8s.io",
  version: "v1",
  messages: {
    PriorityClass: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["value", "int32", "required"],
      3: ["globalDefault", "bool"],
      4: ["description", "string"],
      5: ["preemptionPolicy", "*string"],
    },
  },
};
