// The protobuf tables of the built-in API groups (k8s.io/api's
// generated.proto files, in our table form; see README.md), and the scheme
// the server decodes protobuf request bodies with. A kind is decodable as
// soon as its group/version package here has a message named like the kind.

import { META_V1, ProtobufScheme, type ProtobufPackage } from "@tskube/apimachinery";
import { APPS_V1 } from "./tables/apps-v1.js";
import { AUTHENTICATION_V1 } from "./tables/authentication-v1.js";
import { AUTHORIZATION_V1 } from "./tables/authorization-v1.js";
import { AUTOSCALING_V1 } from "./tables/autoscaling-v1.js";
import { BATCH_V1 } from "./tables/batch-v1.js";
import { CORE_V1 } from "./tables/core-v1.js";
import { NETWORKING_V1 } from "./tables/networking-v1.js";
import { POLICY_V1 } from "./tables/policy-v1.js";
import { RBAC_V1 } from "./tables/rbac-v1.js";
import { SCHEDULING_V1 } from "./tables/scheduling-v1.js";

export const BUILTIN_PROTOBUF_PACKAGES: readonly ProtobufPackage[] = [
  META_V1,
  CORE_V1,
  APPS_V1,
  AUTHENTICATION_V1,
  AUTHORIZATION_V1,
  AUTOSCALING_V1,
  BATCH_V1,
  NETWORKING_V1,
  POLICY_V1,
  RBAC_V1,
  SCHEDULING_V1,
];

/** Decoders for every built-in kind with a table, found by group, version and kind. */
export const BUILTIN_PROTOBUF = new ProtobufScheme(BUILTIN_PROTOBUF_PACKAGES);
