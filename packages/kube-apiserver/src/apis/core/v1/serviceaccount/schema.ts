// core/v1 ServiceAccount: an identity for processes in pods. Every field of
// upstream's v1 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { LocalObjectReferenceSchema, ObjectReferenceSchema } from "../object-reference.js";

export const ServiceAccountSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  secrets: optionalField(
    z
      .array(ObjectReferenceSchema)
      .meta({
        "x-kubernetes-patch-strategy": "merge",
        "x-kubernetes-patch-merge-key": "name",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["name"],
      })
      .describe("Secrets in the same namespace that pods running as this account may use (legacy; only name is kept)."),
  ),
  imagePullSecrets: optionalField(
    z
      .array(LocalObjectReferenceSchema)
      .meta({ "x-kubernetes-list-type": "atomic" })
      .describe("Secrets in the same namespace with registry credentials, added to pods running as this account."),
  ),
  automountServiceAccountToken: optionalField(
    z.boolean().describe("Whether pods running as this account get an API token mounted; a pod can override it."),
  ),
}).describe("An identity for processes that run in pods, to authenticate to the API server with.");

export type ServiceAccount = z.infer<typeof ServiceAccountSchema>;
