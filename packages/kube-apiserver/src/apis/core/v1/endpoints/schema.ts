// core/v1 Endpoints: the addresses and ports that back a service. Every
// field of upstream's v1 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { ObjectReferenceSchema } from "../object-reference.js";

export const ENDPOINT_PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;

export const EndpointAddressSchema = z
  .object({
    ip: z.preprocess((v) => (v === null ? undefined : v), z.string().default("").describe("The endpoint's IP address.")),
    hostname: optionalField(z.string().describe("The endpoint's host name, a DNS label.")),
    nodeName: optionalField(z.string().describe("The node the endpoint runs on.")),
    targetRef: optionalField(ObjectReferenceSchema.describe("The object (usually a pod) behind the endpoint.")),
  })
  .meta({ id: "io.k8s.api.core.v1.EndpointAddress", "x-kubernetes-map-type": "atomic" })
  .describe("One address that backs a service.");

export const EndpointPortSchema = z
  .object({
    name: optionalField(z.string().describe("The port's name, matching the service port's name; required with more than one port.")),
    port: z.preprocess((v) => (v === null ? undefined : v), z.number().int().default(0).describe("The port number.")),
    protocol: optionalField(knownStrings(ENDPOINT_PROTOCOLS, "The IP protocol of the port. Default TCP.")),
    appProtocol: optionalField(z.string().describe("The application protocol on this port, as a hint for implementations.")),
  })
  .meta({ id: "io.k8s.api.core.v1.EndpointPort", "x-kubernetes-map-type": "atomic" })
  .describe("One port of a set of endpoints.");

const atomic = <T extends z.ZodType>(item: T, description: string) =>
  z.array(item).meta({ "x-kubernetes-list-type": "atomic" }).describe(description);

export const EndpointSubsetSchema = z
  .object({
    addresses: optionalField(atomic(EndpointAddressSchema, "The ready addresses, which receive traffic.")),
    notReadyAddresses: optionalField(atomic(EndpointAddressSchema, "The addresses that are not ready (yet) and receive no traffic.")),
    ports: optionalField(atomic(EndpointPortSchema, "The ports every address of the subset serves.")),
  })
  .meta({ id: "io.k8s.api.core.v1.EndpointSubset" })
  .describe("A set of addresses that all serve the same ports.");

export const EndpointsSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name (the service's), namespace, labels, ..."),
  subsets: optionalField(atomic(EndpointSubsetSchema, "The groups of addresses and the ports they serve.")),
}).describe("The addresses and ports behind a service, kept up to date by the endpoints controller or by hand.");

export type Endpoints = z.infer<typeof EndpointsSchema>;
export type EndpointSubset = z.infer<typeof EndpointSubsetSchema>;
