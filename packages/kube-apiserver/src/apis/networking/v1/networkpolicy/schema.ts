// networking.k8s.io/v1 NetworkPolicy: which traffic the selected pods may
// receive and send. Every field of upstream's v1.32 type (status was removed
// upstream in 1.28); descriptions in our own words. Every list is atomic,
// as upstream.

import { MetaLabelSelectorSchema, ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { IntOrStringSchema } from "../../../core/v1/pod-spec/schema.js";
import { PROTOCOLS } from "../../../core/v1/service/schema.js";

export const POLICY_TYPES = ["Ingress", "Egress"] as const;

const ATOMIC = { "x-kubernetes-list-type": "atomic" } as const;
const atomic = <T extends z.ZodType>(item: T, description: string) => optionalField(z.array(item).meta(ATOMIC).describe(description));
const id = (name: string) => ({ id: `io.k8s.api.networking.v1.${name}` });

export const IPBlockSchema = z
  .object({
    cidr: stringOrEmpty("The addresses allowed, as a CIDR (e.g. 192.168.1.0/24 or 2001:db8::/64)."),
    except: atomic(z.string(), "CIDRs inside cidr that are not allowed."),
  })
  .meta(id("IPBlock"))
  .describe("A range of IP addresses, less some sub-ranges.");

export const NetworkPolicyPeerSchema = z
  .object({
    podSelector: optionalField(
      MetaLabelSelectorSchema.describe("Pods selected by labels: in the policy's namespace, or in the namespaces namespaceSelector selects."),
    ),
    namespaceSelector: optionalField(MetaLabelSelectorSchema.describe("Namespaces selected by labels (all pods in them, unless podSelector narrows it).")),
    ipBlock: optionalField(IPBlockSchema.describe("A range of IP addresses; cannot be combined with the selectors.")),
  })
  .meta(id("NetworkPolicyPeer"))
  .describe("A set of pods or addresses that traffic may come from or go to.");

export const NetworkPolicyPortSchema = z
  .object({
    protocol: optionalField(knownStrings(PROTOCOLS, "The IP protocol of the port. Default TCP.")),
    port: optionalField(IntOrStringSchema.describe("A port number, or the name of a pod's port; absent means every port.")),
    endPort: optionalField(z.number().int().describe("With a numeric port: the last port of a range starting at port.")),
  })
  .meta(id("NetworkPolicyPort"))
  .describe("A port (or range of ports) and protocol.");

export const NetworkPolicyIngressRuleSchema = z
  .object({
    ports: atomic(NetworkPolicyPortSchema, "The ports traffic may arrive on; empty or absent means every port."),
    from: atomic(NetworkPolicyPeerSchema, "Where traffic may come from; empty or absent means anywhere."),
  })
  .meta(id("NetworkPolicyIngressRule"))
  .describe("Traffic the selected pods may receive: from these sources on these ports.");

export const NetworkPolicyEgressRuleSchema = z
  .object({
    ports: atomic(NetworkPolicyPortSchema, "The ports traffic may go to; empty or absent means every port."),
    to: atomic(NetworkPolicyPeerSchema, "Where traffic may go; empty or absent means anywhere."),
  })
  .meta(id("NetworkPolicyEgressRule"))
  .describe("Traffic the selected pods may send: to these destinations on these ports.");

export const NetworkPolicySpecSchema = z
  .object({
    // Always serialized upstream (a struct); defaults.ts fills it in.
    podSelector: optionalField(MetaLabelSelectorSchema.describe("The pods in the namespace the policy applies to; empty selects all of them.")),
    ingress: atomic(NetworkPolicyIngressRuleSchema, "The traffic the pods may receive (when policyTypes has Ingress); none means no traffic."),
    egress: atomic(NetworkPolicyEgressRuleSchema, "The traffic the pods may send (when policyTypes has Egress); none means no traffic."),
    policyTypes: optionalField(
      z
        .array(knownStrings(POLICY_TYPES, "A direction of traffic."))
        .meta(ATOMIC)
        .describe("Which directions the policy restricts. Default: Ingress, and Egress too when there are egress rules."),
    ),
  })
  .meta(id("NetworkPolicySpec"))
  .describe("Which pods the policy applies to, and the traffic they may receive and send.");

export const NetworkPolicySchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  spec: optionalField(NetworkPolicySpecSchema),
}).describe("Which traffic a set of pods may receive and send.");

export type NetworkPolicy = z.infer<typeof NetworkPolicySchema>;
export type NetworkPolicySpec = z.infer<typeof NetworkPolicySpecSchema>;
export type NetworkPolicyPort = z.infer<typeof NetworkPolicyPortSchema>;
export type NetworkPolicyPeer = z.infer<typeof NetworkPolicyPeerSchema>;
export type IPBlock = z.infer<typeof IPBlockSchema>;
