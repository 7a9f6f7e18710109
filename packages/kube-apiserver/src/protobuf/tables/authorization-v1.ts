// authorization/v1 messages in protobuf (k8s.io/api/authorization/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const AUTHORIZATION_V1: ProtobufPackage = {
  name: "authorization/v1",
  group: "authorization.k8s.io",
  version: "v1",
  messages: {
    FieldSelectorAttributes: {
      1: ["rawSelector", "string"],
      2: ["requirements", "[]meta/v1.FieldSelectorRequirement"],
    },
    LabelSelectorAttributes: {
      1: ["rawSelector", "string"],
      2: ["requirements", "[]meta/v1.LabelSelectorRequirement"],
    },
    NonResourceAttributes: {
      1: ["path", "string"],
      2: ["verb", "string"],
    },
    NonResourceRule: {
      1: ["verbs", "[]string", "required"],
      2: ["nonResourceURLs", "[]string"],
    },
    ResourceAttributes: {
      1: ["namespace", "string"],
      2: ["verb", "string"],
      3: ["group", "string"],
      4: ["version", "string"],
      5: ["resource", "string"],
      6: ["subresource", "string"],
      7: ["name", "string"],
      8: ["fieldSelector", "*FieldSelectorAttributes"],
      9: ["labelSelector", "*LabelSelectorAttributes"],
    },
    ResourceRule: {
      1: ["verbs", "[]string", "required"],
      2: ["apiGroups", "[]string"],
      3: ["resources", "[]string"],
      4: ["resourceNames", "[]string"],
    },
    SelfSubjectAccessReview: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "SelfSubjectAccessReviewSpec"],
      3: ["status", "SubjectAccessReviewStatus"],
    },
    SelfSubjectAccessReviewSpec: {
      1: ["resourceAttributes", "*ResourceAttributes"],
      2: ["nonResourceAttributes", "*NonResourceAttributes"],
    },
    SelfSubjectRulesReview: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "SelfSubjectRulesReviewSpec"],
      3: ["status", "SubjectRulesReviewStatus"],
    },
    SelfSubjectRulesReviewSpec: {
      1: ["namespace", "string"],
    },
    SubjectAccessReviewStatus: {
      1: ["allowed", "bool", "required"],
      2: ["reason", "string"],
      3: ["evaluationError", "string"],
      4: ["denied", "bool"],
    },
    SubjectRulesReviewStatus: {
      1: ["resourceRules", "[]ResourceRule", "required"],
      2: ["nonResourceRules", "[]NonResourceRule", "required"],
      3: ["incomplete", "bool", "required"],
      4: ["evaluationError", "string"],
    },
  },
};
