// core/v1 ConfigMap: configuration that is not secret, as key/value pairs.
// Every field of upstream's v1 type; descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { base64Bytes } from "../validation/bytes.js";

export const ConfigMapSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  immutable: optionalField(
    z
      .boolean()
      .describe(
        "When true, data and binaryData can no longer be changed (only metadata can), and this cannot be undone; " +
          "the object can still be deleted and recreated. Consumers may then cache the contents instead of watching them.",
      ),
  ),
  data: optionalField(
    z
      .record(z.string(), z.string())
      .describe(
        "Text configuration (UTF-8), by key. Keys consist of alphanumerics, '-', '_' and '.'; " +
          "a key may not appear in binaryData as well.",
      ),
  ),
  binaryData: optionalField(
    z
      .record(z.string(), base64Bytes("The value's bytes, base64-encoded."))
      .describe(
        "Configuration that is not UTF-8 text, by key, each value base64-encoded. Keys follow the same rules as data's " +
          "and may not appear in data as well.",
      ),
  ),
}).describe("Configuration for other objects to consume (as environment variables, command-line arguments or files); not for secrets.");

export type ConfigMap = z.infer<typeof ConfigMapSchema>;
