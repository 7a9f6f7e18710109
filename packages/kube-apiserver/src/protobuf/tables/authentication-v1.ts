// authentication/v1 messages in protobuf (k8s.io/api/authentication/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const AUTHENTICATION_V1: ProtobufPackage = {
  name: "authentication/v1",
  group: "authentication.k8s.io",
  version: "v1",
  messages: {
    BoundObjectReference: {
      1: ["kind", "string"],
      2: ["apiVersion", "string"],
      3: ["name", "string"],
      4: ["uid", "string"],
    },
    SelfSubjectReview: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["status", "SelfSubjectReviewStatus"],
    },
    SelfSubjectReviewStatus: {
      1: ["userInfo", "UserInfo"],
    },
    TokenRequest: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "TokenRequestSpec"],
      3: ["status", "TokenRequestStatus"],
    },
    TokenRequestSpec: {
      1: ["audiences", "[]string", "required"],
      3: ["boundObjectRef", "*BoundObjectReference", "required"],
      4: ["expirationSeconds", "*int64", "required"],
    },
    TokenRequestStatus: {
      1: ["token", "string", "required"],
      2: ["expirationTimestamp", "Time"],
    },
    UserInfo: {
      1: ["username", "string"],
      2: ["uid", "string"],
      3: ["groups", "[]string"],
      4: ["extra", "map[string]StringList"],
    },
  },
};
