// OpenAPI schemas given as they are, for zod schemas that cannot say them.
// A custom resource's schema comes from its CRD, already in OpenAPI v3 form;
// its zod schema only decodes. Registering the CRD's schema here makes the
// documents publish it instead of a conversion:
//
//   givenOpenAPISchemas.add(crZodSchema, { schema: version.schema.openAPIV3Schema });
//
// A schema may refer to shared definitions (a custom resource's metadata is
// a reference to ObjectMeta): `uses` lists the zod schemas of those, so the
// documents define them too. A Swagger 2.0 form can be given separately
// (`v2`); otherwise it is derived from the v3 one.
//
// The registry holds its schemas weakly, so a removed CRD's entry goes with
// its zod schema.

import type { z } from "zod";
import type { OpenAPIVersion, SchemaObject } from "./types.js";

export interface GivenOpenAPISchema {
  /** The OpenAPI v3 schema. */
  schema: SchemaObject;
  /** The schema for /openapi/v2, when it is not `schema` without v3-only keywords. */
  v2?: SchemaObject;
  /** Named schemas the given ones refer to (by `$ref`), to be defined in the same document. */
  uses?: readonly z.core.$ZodType[];
}

/** Given schemas by zod schema, held weakly (a plain map: zod's own registries re-type their values). */
class GivenSchemas {
  readonly #byZod = new WeakMap<z.core.$ZodType, GivenOpenAPISchema>();

  add<S extends z.core.$ZodType>(schema: S, given: GivenOpenAPISchema): S {
    this.#byZod.set(schema, given);
    return schema;
  }

  get(schema: z.core.$ZodType): GivenOpenAPISchema | undefined {
    return this.#byZod.get(schema);
  }
}

export const givenOpenAPISchemas = new GivenSchemas();

/** Keywords Swagger 2.0 lacks; upstream drops them when it publishes CRD schemas in v2. */
const V3_ONLY = new Set(["nullable", "anyOf", "oneOf", "not"]);

/** A copy of a given schema, in the form of the document being written. */
export function givenSchemaFor(given: GivenOpenAPISchema, version: OpenAPIVersion): SchemaObject {
  if (version === "v3") return structuredClone(given.schema);
  return given.v2 !== undefined ? structuredClone(given.v2) : (withoutV3Keywords(given.schema) as SchemaObject);
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
