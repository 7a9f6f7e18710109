// discovery.k8s.io/v1 EndpointSlice: a piece of the set of endpoints behind
// a service (the service is named by the kubernetes.io/service-name label).
// Every field of upstream's v1.32 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";
import { ObjectReferenceSchema } from "../../../core/v1/object-reference.js";
import { PROTOCOLS } from "../../../core/v1/service/schema.js";

export const ADDRESS_TYPES = ["IPv4", "IPv6", "FQDN"] as const;
/** Accepted on update only, for slices stored by older releases. */
export const DEPRECATED_ADDRESS_TYPES = ["IP"] as const;
/** The label naming the service a slice belongs to. */
export { SERVICE_NAME_LABEL as LABEL_SERVICE_NAME } from "@tskube/generic-apiserver";
/** The label naming the controller (or user) that manages a slice. */
export const LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";

const id = (name: string) => `io.k8s.api.discovery.v1.${name}`;
const bool = (description: string) => optionalField(z.boolean().describe(description));

// Top-level fields upstream always serializes get their empty value ("", or
// null for a list) from defaults.ts, but stay optional in the TypeScript
// type, as every top-level field of a kind (so definitions fit
// ResourceDefinition<KubeObject>).

/** A list upstream always serializes, as null when empty (no omitempty). */
const nullList = <T extends z.ZodType>(item: T, description: string) =>
  z.array(item).meta({ "x-kubernetes-list-type": "atomic" }).nullable().optional().describe(description);

export const EndpointConditionsSchema = z
  .object({
    ready: bool("Whether the endpoint can take new traffic; unknown when absent. False while terminating, unless the service publishes not-ready addresses."),
    serving: bool("Whether the endpoint is serving, whether or not it is terminating."),
    terminating: bool("Whether the endpoint is shutting down."),
  })
  .meta({ id: id("EndpointConditions") })
  .describe("The state of an endpoint.");

export const ForZoneSchema = z
  .object({ name: stringOrEmpty("The zone's name.") })
  .meta({ id: id("ForZone") })
  .describe("A zone that should use an endpoint.");

export const EndpointHintsSchema = z
  .object({
    forZones: optionalField(
      z.array(ForZoneSchema).meta({ "x-kubernetes-list-type": "atomic" }).describe("The zones whose clients should use the endpoint (topology-aware routing)."),
    ),
  })
  .meta({ id: id("EndpointHints") })
  .describe("Hints on how an endpoint should be used.");

export const EndpointSchema = z
  .object({
    addresses: z
      .array(z.string())
      .meta({ "x-kubernetes-list-type": "set" })
      .default([])
      .describe("The endpoint's addresses, of the slice's addressType; consumers use the first. At least 1, at most 100."),
    // Always serialized upstream (a struct), as {} when empty.
    conditions: z.preprocess((v) => (v === null ? undefined : v), EndpointConditionsSchema.default({})),
    hostname: optionalField(z.string().describe("The endpoint's host name, a DNS label, e.g. for DNS records.")),
    targetRef: optionalField(ObjectReferenceSchema.describe("The object (usually a pod) behind the endpoint.")),
    deprecatedTopology: optionalField(
      z.record(z.string(), z.string()).describe("Deprecated, ignored and dropped on writes through v1: topology labels. Use nodeName and zone."),
    ),
    nodeName: optionalField(z.string().describe("The node the endpoint runs on.")),
    zone: optionalField(z.string().describe("The zone the endpoint is in.")),
    hints: optionalField(EndpointHintsSchema),
  })
  .meta({ id: id("Endpoint") })
  .describe("One backend of a service.");

export const EndpointPortSchema = z
  .object({
    name: optionalField(z.string().describe("The port's name, matching the service port's; a DNS label or empty. Default empty.")),
    protocol: optionalField(knownStrings(PROTOCOLS, "The IP protocol of the port. Default TCP.")),
    port: optionalField(z.number().int().describe("The port number; absent means every port.")),
    appProtocol: optionalField(z.string().describe("The application protocol on this port, as a hint for implementations (e.g. kubernetes.io/h2c).")),
  })
  .meta({ id: id("EndpointPort"), "x-kubernetes-map-type": "atomic" })
  .describe("A port every endpoint of a slice serves.");

export const EndpointSliceSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels (kubernetes.io/service-name), ..."),
  addressType: optionalField(z.string().describe(`The kind of the slice's addresses: ${ADDRESS_TYPES.join(", ")}. Required; cannot change.`)),
  endpoints: nullList(EndpointSchema, "The endpoints of the slice, unique, at most 1000."),
  ports: nullList(EndpointPortSchema, "The ports every endpoint serves, at most 20000; empty means none, a port without number every port."),
}).describe("A subset of the endpoints behind a service; many slices together make up the whole.");

export type EndpointSlice = z.infer<typeof EndpointSliceSchema>;
export type Endpoint = z.infer<typeof EndpointSchema>;
export type EndpointPort = z.infer<typeof EndpointPortSchema>;
