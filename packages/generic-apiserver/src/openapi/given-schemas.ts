// OpenAPI schemas given as they are, for zod schemas that cannot say them.
// A custom resource's schema comes from its CRD, already in OpenAPI v3 form;
// its zod schema only decodes. Registering the CRD's schema here makes the
// documents publish it instead of a conversion:
//
//   givenOpenAPISchemas.add(crZodSchema, { schema: version.schema.openAPIV3Schema });
//
// The registry holds its schemas weakly, so a removed CRD's entry goes with
// its zod schema.

import { z } from "zod";
import type { OpenAPIVersion, SchemaObject } from "./types.js";

export const givenOpenAPISchemas = z.registry<{ schema: SchemaObject }>();

/** Keywords Swagger 2.0 lacks; upstream drops them when it publishes CRD schemas in v2. */
const V3_ONLY = new Set(["nullable", "anyOf", "oneOf", "not"]);

/** A copy of a given v3 schema, in the form of the document being written. */
export function givenSchemaFor(schema: SchemaObject, version: OpenAPIVersion): SchemaObject {
  return version === "v3" ? structuredClone(schema) : (withoutV3Keywords(schema) as SchemaObject);
}

function withoutV3Keywords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutV3Keywords);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (V3_ONLY.has(key)) continue;
    // Under `properties` the keys are field names (a field may be called `nullable`), not keywords.
    out[key] = key === "properties" && v !== null && typeof v === "object" ? mapValues(v, withoutV3Keywords) : withoutV3Keywords(v);
  }
  return out;
}

function mapValues(record: object, f: (v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}
