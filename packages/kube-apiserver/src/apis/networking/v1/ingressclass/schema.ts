// networking.k8s.io/v1 IngressClass (cluster-scoped): names an ingress
// controller, and optionally an object holding its settings. Every field
// of upstream's v1.32 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField, stringOrEmpty } from "@tskube/apimachinery";
import { z } from "zod";

export const PARAMETERS_SCOPES = ["Cluster", "Namespace"] as const;
/** Ingresses without ingressClassName get the class annotated with this (set to "true"). */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
export const MAX_CONTROLLER_LENGTH = 250;

export const IngressClassParametersReferenceSchema = z
  .object({
    apiGroup: optionalField(z.string().describe("The group of the object; empty for the core group.")),
    kind: stringOrEmpty("The kind of the object."),
    name: stringOrEmpty("The name of the object."),
    scope: optionalField(knownStrings(PARAMETERS_SCOPES, "Whether the object is cluster-scoped or in a namespace. Default Cluster.")),
    namespace: optionalField(z.string().describe("The object's namespace; required when scope is Namespace, not allowed otherwise.")),
  })
  .meta({ id: "io.k8s.api.networking.v1.IngressClassParametersReference" })
  .describe("A reference to the object that holds a controller's settings for this class.");

export const IngressClassSpecSchema = z
  .object({
    controller: optionalField(
      z.string().describe("The controller that implements the class, as a domain-prefixed path (e.g. example.com/ingress-controller); cannot change."),
    ),
    parameters: optionalField(IngressClassParametersReferenceSchema),
  })
  .meta({ id: "io.k8s.api.networking.v1.IngressClassSpec" })
  .describe("Which controller implements the class, and its settings.");

export const IngressClassSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, labels, annotations, ..."),
  spec: optionalField(IngressClassSpecSchema),
}).describe("A kind of ingress, implemented by one controller; ingresses name it in spec.ingressClassName.");

export type IngressClass = z.infer<typeof IngressClassSchema>;
