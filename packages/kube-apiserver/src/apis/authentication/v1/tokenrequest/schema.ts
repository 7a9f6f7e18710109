// authentication.k8s.io/v1 TokenRequest: what `POST
// serviceaccounts/<name>/token` (`kubectl create token`) takes and answers.
// Every field of upstream's v1.32 type; descriptions in our own words. It is
// not a resource of its own: only the subresource of ServiceAccounts serves it.

import { ObjectMetaSchema, TimeSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import type { SubresourceKind } from "@tskube/generic-apiserver";
import { z } from "zod";

/** Upstream's default lifetime of a requested token: one hour. */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

export const BoundObjectReferenceSchema = z
  .object({
    kind: optionalField(z.string().describe("The kind of the object: Pod, Secret or Node.")),
    apiVersion: optionalField(z.string().describe("The API version of the object (v1).")),
    name: optionalField(z.string().describe("The object's name.")),
    uid: optionalField(z.string().describe("The object's uid; when given, it must be the uid of the object now stored.")),
  })
  .meta({ id: "io.k8s.api.authentication.v1.BoundObjectReference" })
  .describe("An object a token is bound to: the token stops working when the object is deleted.");

export const TokenRequestSpecSchema = z
  .object({
    // Always written by Go (no omitempty), but kubectl's protobuf body leaves it out when empty.
    audiences: z.preprocess(
      (value) => value ?? [],
      z
        .array(z.string())
        .meta({ "x-kubernetes-list-type": "atomic" })
        .describe("Who the token is for; a recipient should accept it only if it is one of them. Empty: the API server's own audiences."),
    ),
    expirationSeconds: optionalField(z.int().describe("How long the token is valid, in seconds; at least 600. Defaults to one hour; the server may shorten it.")),
    boundObjectRef: optionalField(BoundObjectReferenceSchema.describe("An object the token is bound to.")),
  })
  .meta({ id: "io.k8s.api.authentication.v1.TokenRequestSpec" })
  .describe("What token is asked for.");

export const TokenRequestStatusSchema = z
  .object({
    // Only the server writes these; what a client sends (kubectl: empty values) is dropped.
    token: optionalField(z.string().describe("The token itself.")),
    expirationTimestamp: optionalField(TimeSchema.describe("When the token stops being valid.")),
  })
  .meta({ id: "io.k8s.api.authentication.v1.TokenRequestStatus" })
  .describe("The token that was issued.");

export const TokenRequestSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata; name and namespace are those of the service account."),
  spec: optionalField(TokenRequestSpecSchema.describe("What token is asked for.")),
  status: optionalField(TokenRequestStatusSchema.describe("The token, filled in by the server.")),
})
  .meta({ id: "io.k8s.api.authentication.v1.TokenRequest" })
  .describe("A request for a token of a service account.");

export type TokenRequest = z.infer<typeof TokenRequestSchema>;
export type BoundObjectReference = z.infer<typeof BoundObjectReferenceSchema>;

/** The kind `serviceaccounts/token` reads and writes, with upstream's default lifetime. */
export const TOKEN_REQUEST_KIND: SubresourceKind = {
  group: "authentication.k8s.io",
  version: "v1",
  kind: "TokenRequest",
  schema: TokenRequestSchema,
  applyDefaults(obj) {
    const req = obj as TokenRequest;
    req.spec ??= { audiences: [] };
    req.spec.expirationSeconds ??= DEFAULT_TOKEN_EXPIRATION_SECONDS;
  },
};
