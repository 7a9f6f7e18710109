// core/v1 Secret: sensitive data (passwords, tokens, keys) as key/value
// pairs. Every field of upstream's v1 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { base64Bytes } from "../validation/bytes.js";

/** The types upstream knows (and, for some, checks the data of). Any other string is allowed too. */
export const SECRET_TYPES = [
  "Opaque",
  "kubernetes.io/service-account-token",
  "kubernetes.io/dockercfg",
  "kubernetes.io/dockerconfigjson",
  "kubernetes.io/basic-auth",
  "kubernetes.io/ssh-auth",
  "kubernetes.io/tls",
  "bootstrap.kubernetes.io/token",
] as const;

export const SECRET_TYPE_OPAQUE = "Opaque";

export const SecretSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  immutable: optionalField(
    z
      .boolean()
      .describe(
        "When true, data can no longer be changed (only metadata can), and this cannot be undone; " +
          "the object can still be deleted and recreated.",
      ),
  ),
  data: optionalField(
    z
      .record(z.string(), base64Bytes("The value's bytes, base64-encoded."))
      .describe(
        "The secret values, by key, each base64-encoded. Keys consist of alphanumerics, '-', '_' and '.'. " +
          "All values together may hold at most 1 MiB.",
      ),
  ),
  stringData: optionalField(
    z
      .record(z.string(), z.string())
      .describe(
        "Write-only convenience: plain-text values, by key, merged into data on write (replacing a value of the " +
          "same key there). The server never returns this field.",
      ),
  ),
  type: optionalField(
    knownStrings(
      SECRET_TYPES,
      "What the secret holds, which decides the keys its data must have (e.g. kubernetes.io/tls needs tls.crt and tls.key). Default Opaque: anything.",
    ),
  ),
}).describe("Sensitive data (passwords, tokens, keys) for other objects to consume, kept apart from the objects that use it.");

export type Secret = z.infer<typeof SecretSchema>;
