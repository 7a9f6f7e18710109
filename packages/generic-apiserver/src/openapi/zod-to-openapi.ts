// Converts zod schemas into OpenAPI schema objects, for v2 or v3.
//
// Why not zod's own `z.toJSONSchema()`: it writes JSON Schema 2020-12
// (`$defs`, `$schema`, min/max for every safe integer, regex patterns for
// every timestamp) and names shared schemas only by a global `id`; turning
// that into what Kubernetes clients read (upstream definition names, v2
// `definitions` vs v3 `components.schemas`, int32/int64 formats, the
// `x-kubernetes-*` extensions) would mean rewriting most of its output. A
// walk over zod's schema definitions that writes the target directly is
// shorter and says exactly what is published.
//
// What carries over from a zod schema:
//   - `.describe()`              -> `description`
//   - `.meta({ "x-kubernetes-patch-merge-key": "name", ... })` -> the same keys
//     (any `x-` key and `format` pass through)
//   - fields that are not optional and have no default -> `required`
//   - `z.enum`, `z.literal`      -> `enum`
//   - `z.int32()`                -> integer/int32; other integers -> integer/int64
//   - `z.iso.datetime()`         -> string/date-time
//   - `z.union([int, string])`   -> the IntOrString definition (`x-kubernetes-int-or-string`)
//   - `.default(v)`              -> `default`; `.nullable()` -> `nullable` (v3)
//   - records of unknown values  -> `x-kubernetes-preserve-unknown-fields`
//   - a schema in `givenOpenAPISchemas` (a CRD's) -> that schema, as given

import { z } from "zod";
import type { DefinitionNames, NamedSchema } from "./definition-names.js";
import { givenOpenAPISchemas, givenSchemaFor } from "./given-schemas.js";
import type { OpenAPIVersion, SchemaObject } from "./types.js";

type ZodSchema = z.core.$ZodType;

/** What the wrappers around a field's schema add to it. */
interface FieldExtras {
  /** description, format and `x-` keys; outer wrappers win. */
  meta: Record<string, unknown>;
  default?: unknown;
  nullable: boolean;
}

export class SchemaConverter {
  /** Named definitions written so far, by name. */
  readonly definitions = new Map<string, SchemaObject>();
  /** Unnamed schemas being converted: meeting one again means a cycle. */
  readonly #inProgress = new Set<ZodSchema>();

  constructor(
    readonly version: OpenAPIVersion,
    readonly names: DefinitionNames,
  ) {}

  /** `#/definitions/<name>` (v2) or `#/components/schemas/<name>` (v3). */
  refPath(name: string): string {
    return this.version === "v2" ? `#/definitions/${name}` : `#/components/schemas/${name}`;
  }

  /** The schema for a body, a response or list items: a reference when the schema has its own definition, else inline. */
  use(schema: ZodSchema): SchemaObject {
    return this.#convert(schema, { defining: false, field: false });
  }

  /** Writes `schema` as the definition `named.name` (even if it is known by another name) and returns a reference. */
  define(schema: ZodSchema, named: NamedSchema): SchemaObject {
    if (!this.definitions.has(named.name)) {
      // A placeholder first, so that a schema reaching itself gets a reference, not endless recursion.
      this.definitions.set(named.name, {});
      const body = this.#convert(schema, { defining: true, field: false });
      const description = named.description ?? body.description;
      this.definitions.set(named.name, {
        ...(description !== undefined ? { description } : {}),
        ...withoutDescription(body),
        ...(named.gvk ? { "x-kubernetes-group-version-kind": named.gvk.map((gvk) => ({ ...gvk })) } : {}),
      });
    }
    return { $ref: this.refPath(named.name) };
  }

  /** Adds a definition written by hand (e.g. the opaque Patch body). */
  defineStatic(name: string, schema: SchemaObject): SchemaObject {
    if (!this.definitions.has(name)) this.definitions.set(name, schema);
    return { $ref: this.refPath(name) };
  }

  /**
   * Peels wrappers (optional, default, nullable, pipes, lazy, ...) off
   * `schema`, collecting what they add, until it reaches either a schema with
   * its own definition (-> a reference) or the schema that says what the value
   * is (-> converted inline). `defining` skips the name check on the outermost
   * layer: that is the definition being written. `field` is set for object
   * properties, whose references get a description.
   */
  #convert(schema: ZodSchema, how: { defining: boolean; field: boolean }): SchemaObject {
    const extras: FieldExtras = { meta: {}, nullable: false };
    let layer = schema;
    for (let depth = 0; ; depth++) {
      collectMeta(layer, extras.meta);
      const named = how.defining && depth === 0 ? undefined : this.names.nameOf(layer);
      if (named !== undefined) {
        // A field without words of its own gets none here: kubectl explain
        // prints the field's description and then the referenced type's, so
        // copying the type's onto the field would print it twice.
        // List items and map values refer to the type plainly too: the type's own
        // description (zod hands it down to copies) would only repeat the definition's.
        const typeDescription = named.description ?? z.globalRegistry.get(named.owner ?? layer)?.description;
        if (!how.field && extras.meta.description === typeDescription) delete extras.meta.description;
        return this.#reference(this.define(named.owner ?? layer, named), extras);
      }
      const given = givenOpenAPISchemas.get(layer);
      if (given !== undefined) {
        for (const used of given.uses ?? []) this.use(used);
        return this.#finish(givenSchemaFor(given, this.version), extras);
      }
      const inner = unwrap(layer, extras);
      if (inner === undefined) break;
      layer = inner;
    }
    if (isIntOrString(layer)) {
      // Upstream's built-in types refer to one intstr.IntOrString definition.
      return this.#reference(this.defineStatic(INT_OR_STRING_DEFINITION, INT_OR_STRING_SCHEMA), extras);
    }
    if (this.#inProgress.has(layer)) {
      // A recursive schema without a name: stop here and let any value through.
      return { "x-kubernetes-preserve-unknown-fields": true };
    }
    this.#inProgress.add(layer);
    try {
      return this.#finish(this.#body(layer), extras);
    } finally {
      this.#inProgress.delete(layer);
    }
  }

  /** A reference with the field's own description and extensions beside it. */
  #reference(ref: SchemaObject, extras: FieldExtras): SchemaObject {
    const siblings = this.#finish({}, extras);
    if (Object.keys(siblings).length === 0) return ref;
    // v2 readers take keys beside `$ref` as upstream writes them; v3 forbids
    // siblings of `$ref`, so upstream wraps the reference in `allOf`.
    return this.version === "v2" ? { ...ref, ...siblings } : { ...siblings, allOf: [ref] };
  }

  /** Adds the field's extras to a converted body: description first, as upstream orders it. */
  #finish(body: SchemaObject, extras: FieldExtras): SchemaObject {
    const { description, ...rest } = extras.meta;
    const out: SchemaObject = {};
    const text = typeof description === "string" ? description : body.description;
    if (text !== undefined) out.description = text;
    Object.assign(out, withoutDescription(body), rest);
    if (extras.default !== undefined) out.default = extras.default;
    if (extras.nullable && this.version === "v3") out.nullable = true;
    return out;
  }

  /** The schema of a value, by zod's type. */
  #body(schema: ZodSchema): SchemaObject {
    // $ZodTypes is the union of zod's own schema types, so a switch on `def.type` narrows `def`.
    const def = (schema as z.core.$ZodTypes)._zod.def;
    switch (def.type) {
      case "string":
      case "template_literal":
        return stringSchema(formatsOf(schema));
      case "number":
        return numberSchema(formatsOf(schema));
      case "bigint":
        return { type: "integer", format: "int64" };
      case "boolean":
        return { type: "boolean" };
      case "date":
        return { type: "string", format: "date-time" };
      case "literal":
        return enumSchema(def.values);
      case "enum":
        return enumSchema(Object.values(def.entries));
      case "object":
        return this.#objectBody(def.shape, def.catchall);
      case "record":
        return this.#mapBody(def.valueType);
      case "array":
        return { type: "array", items: this.use(def.element) };
      case "set":
        return { type: "array", items: this.use(def.valueType), "x-kubernetes-list-type": "set" };
      case "tuple":
        return { type: "array" };
      case "union":
        return this.#unionBody(def.options);
      case "intersection":
        return { allOf: [this.use(def.left), this.use(def.right)] };
      case "any":
      case "unknown":
        return { "x-kubernetes-preserve-unknown-fields": true };
      default:
        // null, transforms, functions, custom checks...: nothing a client can rely on.
        return {};
    }
  }

  #objectBody(shape: z.core.$ZodShape, catchall: ZodSchema | undefined): SchemaObject {
    const properties: Record<string, SchemaObject> = {};
    const required: string[] = [];
    for (const [key, field] of Object.entries(shape)) {
      properties[key] = this.#convert(field, { defining: false, field: true });
      // zod marks fields that may be absent on input (optional, defaulted) with `optin`.
      if (field._zod.optin === undefined) required.push(key);
    }
    const out: SchemaObject = { type: "object" };
    if (Object.keys(properties).length > 0) out.properties = properties;
    if (required.length > 0) out.required = required;
    if (catchall !== undefined) {
      const extra = this.#body(core(catchall));
      // z.strictObject (never) says nothing clients need; z.looseObject keeps unknown fields.
      if (extra["x-kubernetes-preserve-unknown-fields"]) out["x-kubernetes-preserve-unknown-fields"] = true;
      else if (Object.keys(extra).length > 0) out.additionalProperties = this.use(catchall);
    }
    return out;
  }

  #mapBody(valueType: ZodSchema): SchemaObject {
    const value = this.use(valueType);
    if (value["x-kubernetes-preserve-unknown-fields"] && Object.keys(value).length === 1) {
      return { type: "object", "x-kubernetes-preserve-unknown-fields": true };
    }
    return { type: "object", additionalProperties: value };
  }

  #unionBody(options: readonly ZodSchema[]): SchemaObject {
    const nonNull = options.filter((o) => core(o)._zod.def.type !== "null");
    const nullable = nonNull.length < options.length;
    const kinds = nonNull.map((o) => valueKind(core(o)));
    let body: SchemaObject;
    if (nonNull.length === 1) {
      body = this.use(nonNull[0] as ZodSchema);
    } else if (kinds.every((k) => k === "string-enum")) {
      body = enumSchema(nonNull.flatMap((o) => enumValues(core(o))));
    } else {
      // Swagger 2.0 has no anyOf: an empty schema admits any value.
      body = this.version === "v3" ? { anyOf: nonNull.map((o) => this.use(o)) } : {};
    }
    if (nullable && this.version === "v3") body.nullable = true;
    return body;
  }

}

/** upstream's name for a value that is an integer or a string (a port name or number, `25%`). */
export const INT_OR_STRING_DEFINITION = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

const INT_OR_STRING_SCHEMA: SchemaObject = {
  description: "An integer or a string, e.g. a port number or name, or a count or a percentage such as `25%`.",
  type: "string",
  format: "int-or-string",
  "x-kubernetes-int-or-string": true,
};

// ---- helpers over zod's schema definitions ----

/** A union of an integer and a string, in either order. */
function isIntOrString(schema: ZodSchema): boolean {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  if (def.type !== "union") return false;
  const kinds = def.options.map((o) => valueKind(core(o)));
  return kinds.length === 2 && kinds.includes("integer") && kinds.includes("string");
}

/** The schema inside a wrapper, recording what the wrapper adds; undefined if `schema` is not a wrapper. */
function unwrap(schema: ZodSchema, extras: FieldExtras): ZodSchema | undefined {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "optional":
    case "nonoptional":
    case "readonly":
    case "catch":
      return def.innerType;
    case "nullable":
      extras.nullable = true;
      return def.innerType;
    case "default":
    case "prefault":
      if (extras.default === undefined) extras.default = jsonValue(def.defaultValue);
      return def.innerType;
    case "pipe":
      // `z.preprocess(fn, s)` is a pipe from a transform into s; `s.transform(fn)` a pipe from s
      // into a transform. Either way the schema that is not a transform describes the wire value.
      return def.in._zod.def.type === "transform" ? def.out : def.in;
    case "lazy":
      return def.getter();
    default:
      return undefined;
  }
}

/** The schema under all wrappers (without collecting anything). */
function core(schema: ZodSchema): ZodSchema {
  const ignored: FieldExtras = { meta: {}, nullable: false };
  let s = schema;
  for (let inner = unwrap(s, ignored); inner !== undefined; inner = unwrap(s, ignored)) s = inner;
  return s;
}

/** Copies the layer's description, `format` and `x-` keys from zod's metadata, unless an outer layer set them. */
function collectMeta(schema: ZodSchema, into: Record<string, unknown>): void {
  const meta = z.globalRegistry.get(schema);
  if (meta === undefined) return;
  for (const [key, value] of Object.entries(meta)) {
    if (value === undefined || key in into) continue;
    if (key === "description" || key === "format" || key.startsWith("x-")) into[key] = value;
  }
}

/** The string or number formats a schema checks (`datetime`, `int32`, `safeint`, ...). */
function formatsOf(schema: ZodSchema): string[] {
  const formats: string[] = [];
  const own = schema._zod.def as { format?: unknown };
  if (typeof own.format === "string") formats.push(own.format);
  for (const check of schema._zod.def.checks ?? []) {
    const format = (check._zod.def as { format?: unknown }).format;
    if (typeof format === "string") formats.push(format);
  }
  return formats;
}

/** zod's string formats that have an OpenAPI name Kubernetes clients know. */
const STRING_FORMATS: Record<string, string> = { datetime: "date-time", date: "date", base64: "byte" };

function stringSchema(formats: string[]): SchemaObject {
  const format = formats.map((f) => STRING_FORMATS[f]).find((f) => f !== undefined);
  return format === undefined ? { type: "string" } : { type: "string", format };
}

function numberSchema(formats: string[]): SchemaObject {
  if (formats.includes("int32") || formats.includes("uint32")) return { type: "integer", format: "int32" };
  if (formats.some((f) => f.includes("int"))) return { type: "integer", format: "int64" };
  if (formats.includes("float32")) return { type: "number", format: "float" };
  return { type: "number", format: "double" };
}

function enumSchema(values: readonly unknown[]): SchemaObject {
  const kept = values.filter((v) => v !== null && v !== undefined);
  const type = kept.every((v) => typeof v === "string")
    ? "string"
    : kept.every((v) => Number.isInteger(v))
      ? "integer"
      : kept.every((v) => typeof v === "number")
        ? "number"
        : kept.every((v) => typeof v === "boolean")
          ? "boolean"
          : undefined;
  return { ...(type ? { type } : {}), enum: [...kept] };
}

/** How a union member looks to a client, to spot int-or-string and unions of string constants. */
function valueKind(schema: ZodSchema): "integer" | "string" | "string-enum" | "other" {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  if (def.type === "string") return "string";
  if (def.type === "number") return formatsOf(schema).some((f) => f.includes("int")) ? "integer" : "other";
  if (def.type === "literal" || def.type === "enum") {
    return enumValues(schema).every((v) => typeof v === "string") ? "string-enum" : "other";
  }
  return "other";
}

function enumValues(schema: ZodSchema): unknown[] {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  if (def.type === "literal") return [...def.values];
  if (def.type === "enum") return Object.values(def.entries);
  return [];
}

/** A default as JSON (a copy), or undefined if it is not plain data. */
function jsonValue(value: unknown): unknown {
  if (value === undefined || typeof value === "function") return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return undefined;
  }
}

function withoutDescription(schema: SchemaObject): SchemaObject {
  const { description: _ignored, ...rest } = schema;
  return rest;
}
