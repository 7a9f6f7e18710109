// apiextensions.k8s.io/v1 JSONSchemaProps: the OpenAPI v3 schema a CRD
// version carries. The type is recursive (properties, items, allOf, ... hold
// schemas again), so the zod schema is lazy and named: the OpenAPI documents
// refer to the JSONSchemaProps definition from inside itself, which is how
// `kubectl explain crd.spec.versions.schema.openAPIV3Schema.properties` can
// walk it to any depth.
//
// The values of `items`, `additionalProperties`, `additionalItems`,
// `dependencies`, `default`, `enum` and `example` can have several JSON
// shapes; upstream publishes each of those as a named definition with only a
// description (JSONSchemaPropsOrArray, JSONSchemaPropsOrBool,
// JSONSchemaPropsOrStringArray, JSON), and so do we.
//
// Decoding keeps a schema exactly as sent (no defaults are filled in), since
// the schema engine reads it as given.

import { knownStrings, optionalField } from "@tskube/apimachinery";
import { givenOpenAPISchemas } from "@tskube/generic-apiserver";
import { z } from "zod";
import type { JSONSchemaProps, JSONValue } from "../../../schema/types.js";

const PKG = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1";

/**
 * How a named schema is used where no field describes it (list items, map
 * values): a copy without a description of its own, so that it is published
 * as a plain reference to the definition.
 */
const plainRef = <T extends z.ZodType>(named: T): T => named.meta({}) as T;

/** A named schema whose OpenAPI definition is only a description (its value can have several JSON shapes). */
function opaque<T extends z.ZodType>(schema: T, name: string, description: string): T {
  const named = schema.meta({ id: `${PKG}.${name}`, description }) as T;
  givenOpenAPISchemas.add(named, { schema: { description } });
  return named;
}

/** Any JSON value (a default, an enum member, an example). */
export const JSONSchema = opaque(
  z.json() as unknown as z.ZodType<JSONValue>,
  "JSON",
  "Any JSON value: a string, number, boolean, null, list or object.",
);

const int64 = (description: string) => optionalField(z.int().describe(description));
const number = (description: string) => optionalField(z.number().describe(description));
const bool = (description: string) => optionalField(z.boolean().describe(description));
const str = (description: string) => optionalField(z.string().describe(description));

export const VALIDATION_RULE_REASONS = ["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate"] as const;

export const ValidationRuleSchema = z
  .object({
    rule: z.string().default("").describe(
      "A CEL expression that must be true for the value at this node, which the expression sees as `self`. " +
        "`oldSelf` is the value before an update; a rule that uses it (a transition rule) runs only on updates. " +
        "Example: `self.minReplicas <= self.replicas`.",
    ),
    message: str("What the client is told when the rule is false. Default: `failed rule: <rule>`. No line breaks."),
    messageExpression: str(
      "A CEL expression giving the message when the rule is false; it sees `self` (and `oldSelf`) and must return a string. " +
        "Takes precedence over message; if it fails or gives an empty string, message (or its default) is used.",
    ),
    reason: optionalField(
      knownStrings(VALIDATION_RULE_REASONS, "The reason of the error a false rule gives, which also sets the HTTP error's cause type. Default FieldValueInvalid."),
    ),
    fieldPath: str(
      "Where a false rule is reported, relative to this node, as a simple path (`.spec.x`, `.labels['a.b']`); " +
        "it must name a field of the schema. Default: this node.",
    ),
    optionalOldSelf: bool(
      "Run the rule on create too (and when the old value cannot be correlated), with `oldSelf` an optional that is empty then. " +
        "Only meaningful for transition rules.",
    ),
  })
  .meta({ id: `${PKG}.ValidationRule`, description: "One CEL rule that values at a schema node must satisfy." });

export const ExternalDocumentationSchema = z
  .object({ description: str("What the linked documentation is."), url: str("Where it is.") })
  .meta({ id: `${PKG}.ExternalDocumentation` })
  .describe("A link to more documentation.");

/**
 * The recursive schema. Its own zod schema is lazy so that it can refer to
 * itself; the OpenAPI documents get a JSONSchemaProps definition that does.
 */
export const JSONSchemaPropsSchema: z.ZodType<JSONSchemaProps> = z.lazy(() => JSONSchemaPropsShape).meta({
  id: `${PKG}.JSONSchemaProps`,
  description: "A JSON Schema (the OpenAPI v3 subset CRDs may use) describing one value.",
}) as z.ZodType<JSONSchemaProps>;
const SchemaRef = plainRef(JSONSchemaPropsSchema);

const SchemaOrArray = opaque(
  z.union([SchemaRef, z.array(SchemaRef)]),
  "JSONSchemaPropsOrArray",
  "A schema, or (not allowed for CRDs) a list of schemas, one per position.",
);
const SchemaOrBool = opaque(
  z.union([z.boolean(), SchemaRef]),
  "JSONSchemaPropsOrBool",
  "A schema, or a boolean: true allows any value, false none.",
);
const SchemaOrStringArray = opaque(
  z.union([z.array(z.string()), SchemaRef]),
  "JSONSchemaPropsOrStringArray",
  "A schema, or a list of property names.",
);

const schemaMap = (description: string) => optionalField(z.record(z.string(), SchemaRef).describe(description));
const schemaList = (description: string) => optionalField(z.array(SchemaRef).describe(description));

const JSONSchemaPropsShape = z.object({
  id: str("Not supported in CRDs."),
  $schema: str("Not supported in CRDs."),
  $ref: str("Not supported in CRDs."),
  description: str("What the value is, for people (kubectl explain prints it)."),
  type: str("The value's type: object, array, string, integer, number or boolean."),
  format: str(
    "A format string values must have (e.g. date-time, uuid, ipv4, cidr, byte, int32); formats the server does not know are ignored.",
  ),
  title: str("A short name for the value."),
  default: optionalField(
    JSONSchema.describe(
      "The value to fill in when the field is missing (and when it is null, unless nullable). Applied on writes and when reading from storage; " +
        "must itself be valid and survive pruning. Not allowed inside metadata, except at the root of embedded resources.",
    ),
  ),
  maximum: number("The largest allowed number."),
  exclusiveMaximum: bool("Whether maximum itself is excluded."),
  minimum: number("The smallest allowed number."),
  exclusiveMinimum: bool("Whether minimum itself is excluded."),
  maxLength: int64("The longest allowed string, in characters."),
  minLength: int64("The shortest allowed string, in characters."),
  pattern: str("A regular expression (RE2 syntax) strings must match."),
  maxItems: int64("The most items a list may have."),
  minItems: int64("The fewest items a list may have."),
  uniqueItems: bool("Not allowed to be true in CRDs; use x-kubernetes-list-type set or map instead."),
  multipleOf: number("Numbers must be a multiple of this."),
  enum: optionalField(z.array(plainRef(JSONSchema)).describe("The values allowed.")),
  maxProperties: int64("The most keys an object may have."),
  minProperties: int64("The fewest keys an object may have."),
  required: optionalField(z.array(z.string()).describe("The properties an object must have.")),
  items: optionalField(SchemaOrArray.describe("The schema of a list's items.")),
  allOf: schemaList("Schemas the value must all satisfy (they may only validate, not give structure)."),
  oneOf: schemaList("Schemas of which the value must satisfy exactly one (they may only validate)."),
  anyOf: schemaList("Schemas of which the value must satisfy at least one (they may only validate)."),
  not: optionalField(JSONSchemaPropsSchema.describe("A schema the value must not satisfy (it may only validate).")),
  properties: schemaMap("The schema of each known property of an object."),
  additionalProperties: optionalField(
    SchemaOrBool.describe("The schema of the values of an object used as a map (not together with properties)."),
  ),
  patternProperties: schemaMap("Not supported in CRDs."),
  dependencies: optionalField(z.record(z.string(), SchemaOrStringArray).describe("Not supported in CRDs.")),
  additionalItems: optionalField(SchemaOrBool.describe("Not supported in CRDs.")),
  definitions: schemaMap("Not supported in CRDs."),
  externalDocs: optionalField(ExternalDocumentationSchema.describe("More documentation about the value.")),
  example: optionalField(JSONSchema.describe("An example value.")),
  nullable: bool("Whether null is a valid value (otherwise a null is dropped, or replaced by the default)."),
  "x-kubernetes-preserve-unknown-fields": bool(
    "Keep fields the schema does not name instead of pruning them (applies to this node, not recursively into its known fields).",
  ),
  "x-kubernetes-embedded-resource": bool(
    "The value is a whole Kubernetes object (apiVersion, kind, metadata): its metadata is validated and pruned as an ObjectMeta. Needs type object.",
  ),
  "x-kubernetes-int-or-string": bool("The value is an integer or a string (no type is given then); e.g. 80 or \"http\"."),
  "x-kubernetes-list-map-keys": optionalField(
    z.array(z.string()).describe("With x-kubernetes-list-type map: the item fields that together identify an item, unique in the list."),
  ),
  "x-kubernetes-list-type": str(
    "How a list is merged and validated: atomic (replaced whole, the default), set (unique scalar items) or map (items identified by x-kubernetes-list-map-keys).",
  ),
  "x-kubernetes-map-type": str("How an object is merged: granular (per key, the default) or atomic (replaced whole)."),
  "x-kubernetes-validations": optionalField(
    z
      .array(plainRef(ValidationRuleSchema))
      .meta({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["rule"], "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "rule" })
      .describe("CEL rules the value must satisfy."),
  ),
});
