// networking.k8s.io/v1 Ingress: rules that send HTTP(S) traffic for host
// names and paths to services, carried out by an ingress controller. Every
// field of upstream's v1.32 type; descriptions in our own words. Every list
// is atomic (replaced whole by a strategic merge patch), as upstream.

import { ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { TypedLocalObjectReferenceSchema } from "../../../core/v1/pod-spec/schema.js";
import { PROTOCOLS } from "../../../core/v1/service/schema.js";

export const PATH_TYPES = ["Exact", "Prefix", "ImplementationSpecific"] as const;
/** The annotation older clients name the ingress class with. */
export const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

const ATOMIC = { "x-kubernetes-list-type": "atomic" } as const;
const atomic = <T extends z.ZodType>(item: T, description: string) => optionalField(z.array(item).meta(ATOMIC).describe(description));
const int = (description: string) => z.number().int().describe(description);
const group = (name: string) => `io.k8s.api.networking.v1.${name}`;

export const ServiceBackendPortSchema = z
  .object({
    name: optionalField(z.string().describe("The service port's name. Set either name or number.")),
    number: optionalField(int("The service port's number. Set either name or number.")),
  })
  .meta({ id: group("ServiceBackendPort"), "x-kubernetes-map-type": "atomic" })
  .describe("Which port of a service traffic goes to.");

export const IngressServiceBackendSchema = z
  .object({
    name: stringOrEmpty("The service's name, in the ingress's namespace."),
    // Always serialized upstream (a struct), as {} when empty.
    port: z.preprocess((v) => (v === null ? undefined : v), ServiceBackendPortSchema.default({})),
  })
  .meta({ id: group("IngressServiceBackend") })
  .describe("A service and one of its ports.");

export const IngressBackendSchema = z
  .object({
    service: optionalField(IngressServiceBackendSchema.describe("Send traffic to this service. Set either service or resource.")),
    resource: optionalField(
      TypedLocalObjectReferenceSchema.describe("Send traffic to this object in the ingress's namespace (e.g. a storage bucket). Set either service or resource."),
    ),
  })
  .meta({ id: group("IngressBackend") })
  .describe("Where matching traffic goes.");

export const HTTPIngressPathSchema = z
  .object({
    path: optionalField(z.string().describe("The path to match; it must start with '/' for pathType Exact and Prefix.")),
    pathType: optionalField(
      knownStrings(PATH_TYPES, "How path is matched: the whole path (Exact), by '/'-separated elements (Prefix), or as the controller decides. Required."),
    ),
    backend: IngressBackendSchema.default({}).describe("Where traffic that matches the path goes."),
  })
  .meta({ id: group("HTTPIngressPath") })
  .describe("A path and the backend that serves it.");

export const HTTPIngressRuleValueSchema = z
  .object({
    paths: z.array(HTTPIngressPathSchema).meta(ATOMIC).default([]).describe("The paths and their backends; at least one."),
  })
  .meta({ id: group("HTTPIngressRuleValue") })
  .describe("HTTP paths of a rule, e.g. http://<host>/<path>?<query> is matched by its path.");

export const IngressRuleSchema = z
  .object({
    host: optionalField(
      z.string().describe("The host name to match (not an IP; a leading '*.' matches one DNS label); empty matches every host."),
    ),
    http: optionalField(HTTPIngressRuleValueSchema),
  })
  .meta({ id: group("IngressRule") })
  .describe("How traffic for a host is routed.");

export const IngressTLSSchema = z
  .object({
    hosts: atomic(z.string(), "The host names the certificate covers; default: the controller's wildcard host."),
    secretName: optionalField(z.string().describe("The Secret with the certificate and key for TLS on port 443.")),
  })
  .meta({ id: group("IngressTLS") })
  .describe("TLS settings for a set of hosts.");

export const IngressSpecSchema = z
  .object({
    ingressClassName: optionalField(z.string().describe("The name of the IngressClass whose controller implements this ingress.")),
    defaultBackend: optionalField(IngressBackendSchema.describe("Where traffic that matches no rule goes.")),
    tls: atomic(IngressTLSSchema, "TLS settings, one entry per set of hosts sharing a certificate."),
    rules: atomic(IngressRuleSchema, "The host rules; traffic matching none goes to defaultBackend."),
  })
  .meta({ id: group("IngressSpec") })
  .describe("What the ingress should route.");

export const IngressPortStatusSchema = z
  .object({
    port: z.preprocess((v) => (v === null ? undefined : v), int("The port number.").default(0)),
    protocol: stringOrEmpty(`The port's protocol: ${PROTOCOLS.join(", ")}.`),
    error: optionalField(z.string().describe("Why the port is not served, as a CamelCase reason (or domain/Reason).")),
  })
  .meta({ id: group("IngressPortStatus") })
  .describe("The state of one port of an ingress's load balancer.");

export const IngressLoadBalancerIngressSchema = z
  .object({
    ip: optionalField(z.string().describe("The load balancer's IP, for IP-based ones.")),
    hostname: optionalField(z.string().describe("The load balancer's host name, for DNS-based ones.")),
    ports: atomic(IngressPortStatusSchema, "The state of each of the load balancer's ports."),
  })
  .meta({ id: group("IngressLoadBalancerIngress") })
  .describe("One entry point of an ingress's load balancer.");

export const IngressLoadBalancerStatusSchema = z
  .object({ ingress: atomic(IngressLoadBalancerIngressSchema, "The load balancer's entry points.") })
  .meta({ id: group("IngressLoadBalancerStatus") })
  .describe("The state of an ingress's load balancer.");

export const IngressStatusSchema = z
  .object({ loadBalancer: optionalField(IngressLoadBalancerStatusSchema) })
  .meta({ id: group("IngressStatus") })
  .describe("What the ingress is: the addresses its controller serves it at.");

export const IngressSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  spec: optionalField(IngressSpecSchema),
  status: optionalField(IngressStatusSchema),
}).describe("Rules that route outside HTTP(S) traffic to services by host name and path.");

export type Ingress = z.infer<typeof IngressSchema>;
export type IngressSpec = z.infer<typeof IngressSpecSchema>;
export type IngressBackend = z.infer<typeof IngressBackendSchema>;
export type IngressRule = z.infer<typeof IngressRuleSchema>;
export type HTTPIngressPath = z.infer<typeof HTTPIngressPathSchema>;
