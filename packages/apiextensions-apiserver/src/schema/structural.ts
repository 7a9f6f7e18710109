// Structural schemas (upstream: pkg/apiserver/schema/structural.go and
// convert.go). A structural schema splits a CRD's OpenAPI schema into the part
// that says what the data looks like (types, properties, items, extensions:
// used for pruning, defaulting and CEL typing) and the value validations that
// only constrain values (enum, pattern, min/max, and the logic junctors
// allOf/anyOf/oneOf/not, whose subschemas must not add structure).

import type { JSONSchemaProps, JSONValue, ValidationRule } from "./types.js";

/** Keywords that constrain a value without saying what shape it has. */
export interface ValueValidation {
  format?: string;
  maximum?: number;
  exclusiveMaximum?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  multipleOf?: number;
  enum?: JSONValue[];
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  allOf?: NestedValueValidation[];
  oneOf?: NestedValueValidation[];
  anyOf?: NestedValueValidation[];
  not?: NestedValueValidation;
}

/** The structure-giving keywords; under a junctor they are forbidden, so they are kept only to be reported. */
export interface Generic {
  type?: string;
  title?: string;
  description?: string;
  default?: JSONValue;
  nullable?: boolean;
  externalDocs?: JSONSchemaProps["externalDocs"];
}

/** The x-kubernetes-* extensions that shape data. */
export interface Extensions {
  xPreserveUnknownFields?: boolean;
  xEmbeddedResource?: boolean;
  xIntOrString?: boolean;
  xListMapKeys?: string[];
  xListType?: string;
  xMapType?: string;
}

/** A subschema of allOf/anyOf/oneOf/not. */
export interface NestedValueValidation {
  valueValidation: ValueValidation;
  xValidations?: ValidationRule[];
  items?: NestedValueValidation;
  properties?: Record<string, NestedValueValidation>;
  additionalProperties?: NestedValueValidation;
  forbiddenGenerics: Generic;
  forbiddenExtensions: Extensions;
}

export interface Structural extends Generic, Extensions {
  /** "" when the schema names no type (allowed under int-or-string and preserve-unknown-fields). */
  type: string;
  properties?: Record<string, Structural>;
  /** `additionalProperties: false` is kept as `{ allows: false }`; a schema as `{ allows: true, schema }`. */
  additionalProperties?: { allows: boolean; schema?: Structural };
  items?: Structural;
  xValidations?: ValidationRule[];
  valueValidation?: ValueValidation;
}

/**
 * Converts a CRD schema to its structural form. Keywords CRDs may not use
 * ($ref, definitions, patternProperties, ...) are left out here; the CRD
 * schema validation reports them.
 */
export function toStructural(s: JSONSchemaProps): Structural {
  const out: Structural = { type: s.type ?? "" };
  copyGeneric(s, out);
  copyExtensions(s, out);
  if (s.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(s.properties)) out.properties[k] = toStructural(v);
  }
  if (s.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof s.additionalProperties === "boolean"
        ? { allows: s.additionalProperties }
        : { allows: true, schema: toStructural(s.additionalProperties) };
  }
  if (s.items !== undefined && !Array.isArray(s.items)) out.items = toStructural(s.items);
  if (s["x-kubernetes-validations"]?.length) out.xValidations = s["x-kubernetes-validations"];
  const vv = toValueValidation(s);
  if (vv) out.valueValidation = vv;
  return out;
}

function copyGeneric(s: JSONSchemaProps, out: Generic): void {
  if (s.title) out.title = s.title;
  if (s.description) out.description = s.description;
  if (s.default !== undefined) out.default = s.default;
  if (s.nullable) out.nullable = true;
  if (s.externalDocs) out.externalDocs = s.externalDocs;
}

function copyExtensions(s: JSONSchemaProps, out: Extensions): void {
  if (s["x-kubernetes-preserve-unknown-fields"]) out.xPreserveUnknownFields = true;
  if (s["x-kubernetes-embedded-resource"]) out.xEmbeddedResource = true;
  if (s["x-kubernetes-int-or-string"]) out.xIntOrString = true;
  if (s["x-kubernetes-list-map-keys"]?.length) out.xListMapKeys = s["x-kubernetes-list-map-keys"];
  if (s["x-kubernetes-list-type"] !== undefined) out.xListType = s["x-kubernetes-list-type"];
  if (s["x-kubernetes-map-type"] !== undefined) out.xMapType = s["x-kubernetes-map-type"];
}

const VALUE_KEYS = [
  "format", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
  "maxItems", "minItems", "uniqueItems", "multipleOf", "enum", "maxProperties", "minProperties", "required",
] as const;

function toValueValidation(s: JSONSchemaProps): ValueValidation | undefined {
  const vv: ValueValidation = {};
  let any = false;
  for (const key of VALUE_KEYS) {
    const v = s[key];
    if (v === undefined || v === false || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    (vv as Record<string, unknown>)[key] = v;
    any = true;
  }
  if (s.allOf?.length) (vv.allOf = s.allOf.map(toNested)), (any = true);
  if (s.oneOf?.length) (vv.oneOf = s.oneOf.map(toNested)), (any = true);
  if (s.anyOf?.length) (vv.anyOf = s.anyOf.map(toNested)), (any = true);
  if (s.not) (vv.not = toNested(s.not)), (any = true);
  return any ? vv : undefined;
}

function toNested(s: JSONSchemaProps): NestedValueValidation {
  const n: NestedValueValidation = {
    valueValidation: toValueValidation(s) ?? {},
    forbiddenGenerics: {},
    forbiddenExtensions: {},
  };
  if (s.type) n.forbiddenGenerics.type = s.type;
  copyGeneric(s, n.forbiddenGenerics);
  copyExtensions(s, n.forbiddenExtensions);
  if (s["x-kubernetes-validations"]?.length) n.xValidations = s["x-kubernetes-validations"];
  if (s.items !== undefined && !Array.isArray(s.items)) n.items = toNested(s.items);
  if (s.properties) {
    n.properties = {};
    for (const [k, v] of Object.entries(s.properties)) n.properties[k] = toNested(v);
  }
  if (s.additionalProperties !== undefined && typeof s.additionalProperties !== "boolean") {
    n.additionalProperties = toNested(s.additionalProperties);
  }
  return n;
}

/** The schema that applies to the value of an object's property `key`, if any. */
export function propertySchema(s: Structural, key: string): Structural | undefined {
  return s.properties?.[key] ?? s.additionalProperties?.schema;
}

const nestedCache = new WeakMap<NestedValueValidation, Structural>();

/**
 * A junctor's subschema seen as a schema of its own, so that the value
 * validator can run it (upstream: nestedToStructural).
 */
export function nestedToStructural(n: NestedValueValidation): Structural {
  const hit = nestedCache.get(n);
  if (hit) return hit;
  const s: Structural = { ...n.forbiddenGenerics, ...n.forbiddenExtensions, type: n.forbiddenGenerics.type ?? "" };
  if (Object.keys(n.valueValidation).length > 0) s.valueValidation = n.valueValidation;
  if (n.xValidations) s.xValidations = n.xValidations;
  if (n.items) s.items = nestedToStructural(n.items);
  if (n.properties) {
    s.properties = {};
    for (const [k, v] of Object.entries(n.properties)) s.properties[k] = nestedToStructural(v);
  }
  if (n.additionalProperties) s.additionalProperties = { allows: true, schema: nestedToStructural(n.additionalProperties) };
  nestedCache.set(n, s);
  return s;
}
