// networking/v1 messages in protobuf (k8s.io/api/networking/v1/generated.proto, Kubernetes 1.32):
// for each message, field number -> [JSON name, Go type, flag]. See README.md
// in this folder for how to read them.
//
// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled
// descriptors and struct tags; edit by running it again, not by hand.

import type { ProtobufPackage } from "@tskube/apimachinery";

export const NETWORKING_V1: ProtobufPackage = {
  name: "networking/v1",
  group: "networking.k8s.io",
  version: "v1",
  messages: {
    HTTPIngressPath: {
      1: ["path", "string"],
      2: ["backend", "IngressBackend"],
      3: ["pathType", "*string", "required"],
    },
    HTTPIngressRuleValue: {
      1: ["paths", "[]HTTPIngressPath", "required"],
    },
    Ingress: {
      1: ["metadata", "meta/v1.ObjectMeta"],
      2: ["spec", "IngressSpec"],
      3: ["status", "IngressStatus"],
    },
    IngressBackend: {
      3: ["resource", "*core/v1.TypedLocalObjectReference"],
      4: ["service", "*IngressServiceBackend"],
    },
    IngressLoadBalancerIngress: {
      1: ["ip", "string"],
      2: ["hostname", "string"],
      4: ["ports", "[]IngressPortStatus"],
    },
    IngressLoadBalancerStatus: {
      1: ["ingress", "[]IngressLoadBalancerIngress"],
    },
    IngressPortStatus: {
      1: ["port", "int32", "required"],
      2: ["protocol", "string", "required"],
      3: ["error", "*string"],
    },
    IngressRule: {
      1: ["host", "string"],
      2: ["", "IngressRuleValue", "inline"],
    },
    IngressRuleValue: {
      1: ["http", "*HTTPIngressRuleValue"],
    },
    IngressServiceBackend: {
      1: ["name", "string", "required"],
      2: ["port", "ServiceBackendPort"],
    },
    IngressSpec: {
      1: ["defaultBackend", "*IngressBackend"],
      2: ["tls", "[]IngressTLS"],
      3: ["rules", "[]IngressRule"],
      4: ["ingressClassName", "*string"],
    },
    IngressStatus: {
      1: ["loadBalancer", "IngressLoadBalancerStatus"],
    },
    IngressTLS: {
      1: ["hosts", "[]string"],
      2: ["secretName", "string"],
    },
    ServiceBackendPort: {
      1: ["name", "string"],
      2: ["number", "int32"],
    },
  },
};
