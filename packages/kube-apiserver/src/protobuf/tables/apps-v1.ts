// apps/v1 messages in protobuf (k8s.io/api/apps/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const APPS_V1: ProtobufPackage = {
  name: "apps/v1",
  group: "apps",
  version: "v1",
  messages: {
    Deployment: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "DeploymentSpec"],
      3: ["status", "DeploymentStatus"],
    },
    DeploymentCondition: {
      1: ["type", "string", "required"],
      2: ["status", "string", "required"],
      4: ["reason", "string"],
      5: ["message", "string"],
      6: ["lastUpdateTime", "Time"],
      7: ["lastTransitionTime", "Time"],
    },
    DeploymentSpec: {
      1: ["replicas", "*int32"],
      2: ["selector", "*meta/v1.LabelSelector", "required"],
      3: ["template", "core/v1.PodTemplateSpec"],
      4: ["strategy", "DeploymentStrategy"],
      5: ["minReadySeconds", "int32"],
      6: ["revisionHistoryLimit", "*int32"],
      7: ["paused", "bool"],
      9: ["progressDeadlineSeconds", "*int32"],
    },
    DeploymentStatus: {
      1: ["observedGeneration", "int64"],
      2: ["replicas", "int32"],
      3: ["updatedReplicas", "int32"],
      4: ["availableReplicas", "int32"],
      5: ["unavailableReplicas", "int32"],
      6: ["conditions", "[]DeploymentCondition"],
      7: ["readyReplicas", "int32"],
      8: ["collisionCount", "*int32"],
    },
    DeploymentStrategy: {
      1: ["type", "string"],
      2: ["rollingUpdate", "*RollingUpdateDeployment"],
    },
    RollingUpdateDeployment: {
      1: ["maxUnavailable", "*IntOrString"],
      2: ["maxSurge", "*IntOrString"],
    },
  },
};
