// core/v1 Service: a stable name and virtual IP in front of a set of pods
// (or an external name). Every field of upstream's v1.32 type; descriptions
// in our own words.

import { ConditionSchema, IntOrStringSchema, ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";

export const SERVICE_TYPES = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] as const;
export const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
export const SESSION_AFFINITIES = ["None", "ClientIP"] as const;
export const TRAFFIC_POLICIES = ["Cluster", "Local"] as const;
export const IP_FAMILIES = ["IPv4", "IPv6"] as const;
export const IP_FAMILY_POLICIES = ["SingleStack", "PreferDualStack", "RequireDualStack"] as const;
/** The value of clusterIP that asks for no virtual IP: a headless service. */
export const CLUSTER_IP_NONE = "None";
/** Default of sessionAffinityConfig.clientIP.timeoutSeconds: three hours. */
export const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;
export const MAX_CLIENT_IP_TIMEOUT_SECONDS = 86400;

const int = (description: string) => z.number().int().describe(description);

export { IntOrStringSchema };

export const ServicePortSchema = z
  .object({
    name: optionalField(z.string().describe("The port's name, a DNS label; required when the service has more than one port.")),
    protocol: optionalField(knownStrings(PROTOCOLS, "The IP protocol of the port. Default TCP.")),
    appProtocol: optionalField(z.string().describe("The application protocol on this port, as a hint for implementations (e.g. kubernetes.io/h2c).")),
    port: z.preprocess((v) => (v === null ? undefined : v), int("The port the service listens on.").default(0)),
    targetPort: optionalField(
      IntOrStringSchema.describe("The pods' port traffic is sent to: a number, or the name of a container port. Default: the same as port."),
    ),
    nodePort: optionalField(int("The port opened on every node for NodePort and LoadBalancer services; allocated when not given.")),
  })
  .meta({ id: "io.k8s.api.core.v1.ServicePort" })
  .describe("One port a service exposes.");

export const ClientIPConfigSchema = z
  .object({
    timeoutSeconds: optionalField(int("How long a client stays with the same backend, 1 to 86400 seconds. Default 10800 (3 h).")),
  })
  .meta({ id: "io.k8s.api.core.v1.ClientIPConfig" })
  .describe("Settings of ClientIP session affinity.");

export const SessionAffinityConfigSchema = z
  .object({ clientIP: optionalField(ClientIPConfigSchema) })
  .meta({ id: "io.k8s.api.core.v1.SessionAffinityConfig" })
  .describe("Settings of session affinity.");

const atomicStrings = (description: string) => z.array(z.string()).meta({ "x-kubernetes-list-type": "atomic" }).describe(description);

export const ServiceSpecSchema = z
  .object({
    ports: optionalField(
      z
        .array(ServicePortSchema)
        .meta({
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-patch-merge-key": "port",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["port", "protocol"],
        })
        .describe("The ports the service exposes."),
    ),
    selector: optionalField(
      z
        .record(z.string(), z.string())
        .meta({ "x-kubernetes-map-type": "atomic" })
        .describe("Pods with all of these labels back the service. Without a selector, endpoints are managed by someone else."),
    ),
    clusterIP: optionalField(
      z.string().describe("The service's virtual IP (the first of clusterIPs); allocated when empty, None for a headless service. Cannot change."),
    ),
    clusterIPs: optionalField(atomicStrings("The service's virtual IPs, at most one per IP family; the first equals clusterIP.")),
    type: optionalField(knownStrings(SERVICE_TYPES, "How the service is exposed. Default ClusterIP.")),
    externalIPs: optionalField(atomicStrings("Further IPs, outside the cluster's control, that nodes accept traffic for.")),
    sessionAffinity: optionalField(knownStrings(SESSION_AFFINITIES, "Whether a client keeps going to the same backend. Default None.")),
    loadBalancerIP: optionalField(z.string().describe("Deprecated: the IP a load balancer should get, if the implementation supports it.")),
    loadBalancerSourceRanges: optionalField(atomicStrings("The client CIDRs a load balancer accepts, when the implementation supports it.")),
    externalName: optionalField(z.string().describe("For ExternalName services: the DNS name the service's name is an alias (CNAME) of.")),
    externalTrafficPolicy: optionalField(
      knownStrings(TRAFFIC_POLICIES, "Whether external traffic may go to backends on other nodes (Cluster) or only this node's (Local)."),
    ),
    healthCheckNodePort: optionalField(int("The node port a load balancer health-checks, for the Local external traffic policy.")),
    publishNotReadyAddresses: optionalField(z.boolean().describe("Publish backends in DNS and endpoints even when they are not ready.")),
    sessionAffinityConfig: optionalField(SessionAffinityConfigSchema),
    ipFamilies: optionalField(
      z
        .array(knownStrings(IP_FAMILIES, "An IP family."))
        .meta({ "x-kubernetes-list-type": "atomic" })
        .describe("The IP families of the service's cluster IPs, in order."),
    ),
    ipFamilyPolicy: optionalField(knownStrings(IP_FAMILY_POLICIES, "How many IP families the service asks for.")),
    allocateLoadBalancerNodePorts: optionalField(z.boolean().describe("Whether LoadBalancer services get node ports. Default true.")),
    loadBalancerClass: optionalField(z.string().describe("Which load balancer implementation handles the service; cannot change once set.")),
    internalTrafficPolicy: optionalField(
      knownStrings(TRAFFIC_POLICIES, "Whether traffic from inside the cluster may go to backends on other nodes. Default Cluster."),
    ),
    trafficDistribution: optionalField(z.string().describe("A preference for how traffic is spread over backends (e.g. PreferClose).")),
  })
  .meta({ id: "io.k8s.api.core.v1.ServiceSpec" })
  .describe("What the service should be.");

export const PortStatusSchema = z
  .object({
    port: z.preprocess((v) => (v === null ? undefined : v), int("The port number.").default(0)),
    protocol: stringOrEmpty("The port's protocol: TCP, UDP or SCTP."),
    error: optionalField(z.string().describe("Why the port is not served, as a CamelCase reason (or domain/Reason).")),
  })
  .meta({ id: "io.k8s.api.core.v1.PortStatus" })
  .describe("The state of one port of a load balancer.");

export const LoadBalancerIngressSchema = z
  .object({
    ip: optionalField(z.string().describe("The load balancer's IP, for IP-based ones.")),
    hostname: optionalField(z.string().describe("The load balancer's host name, for DNS-based ones.")),
    ipMode: optionalField(knownStrings(["VIP", "Proxy"], "How traffic to ip reaches the service.")),
    ports: optionalField(
      z.array(PortStatusSchema).meta({ "x-kubernetes-list-type": "atomic" }).describe("The state of each of the load balancer's ports."),
    ),
  })
  .meta({ id: "io.k8s.api.core.v1.LoadBalancerIngress" })
  .describe("One entry point of a load balancer.");

export const LoadBalancerStatusSchema = z
  .object({
    ingress: optionalField(
      z.array(LoadBalancerIngressSchema).meta({ "x-kubernetes-list-type": "atomic" }).describe("The load balancer's entry points."),
    ),
  })
  .meta({ id: "io.k8s.api.core.v1.LoadBalancerStatus" })
  .describe("The state of a load balancer.");


export const ServiceStatusSchema = z
  .object({
    loadBalancer: optionalField(LoadBalancerStatusSchema),
    conditions: optionalField(
      z
        .array(ConditionSchema)
        .meta({
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        })
        .describe("The latest observations of the service's state, one per type."),
    ),
  })
  .meta({ id: "io.k8s.api.core.v1.ServiceStatus" })
  .describe("What the service is: its load balancer and conditions.");

export const ServiceSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  spec: optionalField(ServiceSpecSchema),
  status: optionalField(ServiceStatusSchema),
}).describe("A named, stable entry point to a set of backends: a virtual IP, node ports, a load balancer or a DNS alias.");

export type Service = z.infer<typeof ServiceSchema>;
export type ServiceSpec = z.infer<typeof ServiceSpecSchema>;
export type ServicePort = z.infer<typeof ServicePortSchema>;
