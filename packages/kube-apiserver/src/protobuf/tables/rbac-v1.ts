// rbac/v1 messages in protobuf (k8s.io/api/rbac/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const RBAC_V1: ProtobufPackage = {
  name: "rbac/v1",
  group: "rbac.authorization.k8s.io",
  version: "v1",
  messages: {
    AggregationRule: {
      1: ["clusterRoleSelectors", "[]meta/v1.LabelSelector"],
    },
    ClusterRole: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["rules", "[]PolicyRule", "required"],
      3: ["aggregationRule", "*AggregationRule"],
    },
    ClusterRoleBinding: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["subjects", "[]Subject"],
      3: ["roleRef", "RoleRef"],
    },
    PolicyRule: {
      1: ["verbs", "[]string", "required"],
      2: ["apiGroups", "[]string"],
      3: ["resources", "[]string"],
      4: ["resourceNames", "[]string"],
      5: ["nonResourceURLs", "[]string"],
    },
    Role: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["rules", "[]PolicyRule", "required"],
    },
    RoleBinding: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["subjects", "[]Subject"],
      3: ["roleRef", "RoleRef"],
    },
    RoleRef: {
      1: ["apiGroup", "string", "required"],
      2: ["kind", "string", "required"],
      3: ["name", "string", "required"],
    },
    Subject: {
      1: ["kind", "string", "required"],
      2: ["apiGroup", "string"],
      3: ["name", "string", "required"],
      4: ["namespace", "string"],
    },
  },
};
