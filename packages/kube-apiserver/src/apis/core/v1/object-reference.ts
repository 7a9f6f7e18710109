// core/v1 ObjectReference and LocalObjectReference: pointers to other
// objects, used by ServiceAccounts (secrets), Endpoints (targetRef), Pods (secretRef, imagePullSecrets) and
// Events (involvedObject, related). Every field of upstream's v1 types.

import { optionalField } from "@tskube/apimachinery";
import { z } from "zod";

export const ObjectReferenceSchema = z
  .object({
    kind: optionalField(z.string().describe("The kind of the object referred to.")),
    namespace: optionalField(z.string().describe("The namespace of the object referred to.")),
    name: optionalField(z.string().describe("The name of the object referred to.")),
    uid: optionalField(z.string().describe("The UID of the object referred to.")),
    apiVersion: optionalField(z.string().describe("The API version of the object referred to.")),
    resourceVersion: optionalField(z.string().describe("The resource version of the object referred to, if a specific one is meant.")),
    fieldPath: optionalField(
      z.string().describe("A part of the object rather than the whole, as a field path (e.g. spec.containers{web})."),
    ),
  })
  .meta({ id: "io.k8s.api.core.v1.ObjectReference", "x-kubernetes-map-type": "atomic" })
  .describe("A reference to another object, enough to look it up.");

export type ObjectReference = z.infer<typeof ObjectReferenceSchema>;

export const LocalObjectReferenceSchema = z
  .object({
    name: optionalField(z.string().describe("The name of an object in the same namespace.")),
  })
  .meta({ id: "io.k8s.api.core.v1.LocalObjectReference", "x-kubernetes-map-type": "atomic" })
  .describe("A reference to an object in the same namespace, by name.");

export type LocalObjectReference = z.infer<typeof LocalObjectReferenceSchema>;
