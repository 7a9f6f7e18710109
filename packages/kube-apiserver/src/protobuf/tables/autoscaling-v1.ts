// autoscaling/v1 messages in protobuf (k8s.io/api/autoscaling/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const AUTOSCALING_V1: ProtobufPackage = {
  name: "autoscaling/v1",
  group: "autoscaling",
  version: "v1",
  messages: {
    Scale: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "ScaleSpec"],
      3: ["status", "ScaleStatus"],
    },
    ScaleSpec: {
      1: ["replicas", "int32"],
    },
    ScaleStatus: {
      1: ["replicas", "int32", "required"],
      2: ["selector", "string"],
    },
  },
};
