// The Swagger 2.0 document in protobuf (upstream: kube-openapi's
// ToProtoBinary, the gnostic `openapi.v2.Document` message), served at
// /openapi/v2 to `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`.
//
// kubectl asks for it, and only in this form, when it validates a manifest
// on its own: `kubectl create -f` of a kind whose v3 document has no PATCH
// operation declaring `fieldValidation` (TokenReview, the access reviews)
// falls back to the v2 document, reads the kinds' schemas from its
// `definitions` (their `x-kubernetes-group-version-kind`) and checks the
// manifest against them.
//
// gnostic's messages follow the JSON document closely: each Swagger object
// is a message whose fields are its keys; maps become repeated (name, value)
// pairs in the document's order; every `x-` key goes into `vendor_extension`;
// values of any shape (`default`, `enum`, `example`, extensions) are carried
// as their YAML text (JSON is YAML). Keys that Swagger 2.0 does not define
// are left out, as gnostic's parser refuses them.

import { protobufWriter } from "@tskube/apimachinery";

const { bytes, fixed, message, str, varint } = protobufWriter;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Field = Uint8Array;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---- values of any shape ----

/** gnostic's Any: the value as YAML text (field 2). */
function anyValue(value: Json): Uint8Array {
  return message([str(2, JSON.stringify(value))]);
}

/** The `x-` keys of an object, as NamedAny fields numbered `number`. */
function extensions(number: number, obj: JsonObject): Field[] {
  return Object.entries(obj)
    .filter(([key]) => key.startsWith("x-"))
    .map(([key, value]) => bytes(number, message([str(1, key), bytes(2, anyValue(value))])));
}

// ---- table-driven messages: a JSON key -> field number and how its value is written ----

type Kind =
  | "string"
  | "strings"
  | "bool"
  | "double"
  | "int64"
  | "any"
  | "anys"
  | { message: (value: Json) => Uint8Array }
  | { messages: (value: Json) => Uint8Array };

interface MessageSpec {
  fields: Record<string, [number, Kind]>;
  /** The field number of `vendor_extension`, when the message has one. */
  extensions?: number;
}

function encodeField(number: number, kind: Kind, value: Json): Field[] {
  switch (kind) {
    case "string":
      return typeof value === "string" && value !== "" ? [str(number, value)] : [];
    case "strings":
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").map((v) => str(number, v)) : [];
    case "bool":
      return value === true ? [varint(number, true)] : [];
    case "double":
      return typeof value === "number" && value !== 0 ? [fixed(number, value, 8)] : [];
    case "int64":
      return typeof value === "number" && value !== 0 ? [varint(number, Math.trunc(value))] : [];
    case "any":
      return [bytes(number, anyValue(value))];
    case "anys":
      return Array.isArray(value) ? value.map((v) => bytes(number, anyValue(v))) : [];
    default:
      if ("message" in kind) return [bytes(number, kind.message(value))];
      return Array.isArray(value) ? value.map((v) => bytes(number, kind.messages(v))) : [];
  }
}

function encodeMessage(spec: MessageSpec, value: Json): Uint8Array {
  if (!isObject(value)) return message([]);
  const fields: Field[] = [];
  for (const [key, v] of Object.entries(value)) {
    const field = spec.fields[key];
    if (field !== undefined) fields.push(...encodeField(field[0], field[1], v));
  }
  if (spec.extensions !== undefined) fields.push(...extensions(spec.extensions, value));
  return message(fields);
}

const messageOf = (spec: () => MessageSpec) => ({ message: (value: Json) => encodeMessage(spec(), value) });
const messagesOf = (spec: () => MessageSpec) => ({ messages: (value: Json) => encodeMessage(spec(), value) });

/** A JSON map as repeated (name, value) messages numbered `number`, in the document's order. */
function named(number: number, map: Json, value: (v: Json) => Uint8Array, skipExtensions = false): Field[] {
  if (!isObject(map)) return [];
  return Object.entries(map)
    .filter(([name]) => !(skipExtensions && name.startsWith("x-")))
    .map(([name, v]) => bytes(number, message([str(1, name), bytes(2, value(v))])));
}

const EXTERNAL_DOCS: MessageSpec = { fields: { description: [1, "string"], url: [2, "string"] }, extensions: 3 };

// The validation keywords every primitive parameter shares, from `type` on, at
// their numbers in PrimitivesItems (query and form parameters number them one higher).
const PRIMITIVE_KEYS = [
  "type", "format", "items", "collectionFormat", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
  "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf",
] as const;
const PRIMITIVE_KINDS: Record<(typeof PRIMITIVE_KEYS)[number], Kind> = {
  type: "string", format: "string", items: messageOf(() => PRIMITIVES_ITEMS), collectionFormat: "string", default: "any",
  maximum: "double", exclusiveMaximum: "bool", minimum: "double", exclusiveMinimum: "bool", maxLength: "int64", minLength: "int64",
  pattern: "string", maxItems: "int64", minItems: "int64", uniqueItems: "bool", enum: "anys", multipleOf: "double",
};

/** The primitive keywords numbered from `first` on. */
function primitiveFields(first: number): Record<string, [number, Kind]> {
  return Object.fromEntries(PRIMITIVE_KEYS.map((key, i) => [key, [first + i, PRIMITIVE_KINDS[key]]]));
}

const PRIMITIVES_ITEMS: MessageSpec = { fields: primitiveFields(1), extensions: 18 };

/** Path and header parameters: required, in, description, name, then the primitive keywords. */
const PATH_PARAMETER: MessageSpec = {
  fields: { required: [1, "bool"], in: [2, "string"], description: [3, "string"], name: [4, "string"], ...primitiveFields(5) },
  extensions: 22,
};
/** Query and form parameters have allowEmptyValue before the primitive keywords. */
const QUERY_PARAMETER: MessageSpec = {
  fields: { required: [1, "bool"], in: [2, "string"], description: [3, "string"], name: [4, "string"], allowEmptyValue: [5, "bool"], ...primitiveFields(6) },
  extensions: 23,
};

const BODY_PARAMETER: MessageSpec = {
  fields: { description: [1, "string"], name: [2, "string"], in: [3, "string"], required: [4, "bool"], schema: [5, { message: schema }] },
  extensions: 6,
};

/** Parameter: a body parameter, or a non-body one (header, formData, query or path, by `in`). */
function parameter(value: Json): Uint8Array {
  if (!isObject(value)) return message([]);
  const where = String(value["in"]);
  if (where === "body") return message([bytes(1, encodeMessage(BODY_PARAMETER, value))]);
  const [number, spec] =
    where === "header" ? [1, PATH_PARAMETER] : where === "formData" ? [2, QUERY_PARAMETER] : where === "path" ? [4, PATH_PARAMETER] : [3, QUERY_PARAMETER];
  return message([bytes(2, message([bytes(number, encodeMessage(spec, value))]))]);
}

/** ParametersItem: a reference, or a parameter. */
function parametersItem(value: Json): Uint8Array {
  if (isObject(value) && typeof value["$ref"] === "string") return message([bytes(2, message([str(1, value["$ref"])]))]);
  return message([bytes(1, parameter(value))]);
}

/** A Schema; `items` may be one schema or a list, `additionalProperties` a schema or a boolean, `type` a name or a list. */
function schema(value: Json): Uint8Array {
  if (!isObject(value)) return message([]);
  const fields: Field[] = [];
  for (const [key, v] of Object.entries(value)) {
    const field = SCHEMA_FIELDS[key];
    if (field !== undefined) {
      fields.push(...encodeField(field[0], field[1], v));
    } else if (key === "additionalProperties") {
      fields.push(bytes(21, typeof v === "boolean" ? message([varint(2, v)]) : message([bytes(1, schema(v))])));
    } else if (key === "type") {
      fields.push(bytes(22, message((Array.isArray(v) ? v : [v]).filter((t): t is string => typeof t === "string").map((t) => str(1, t)))));
    } else if (key === "items") {
      fields.push(bytes(23, message((Array.isArray(v) ? v : [v]).map((item) => bytes(1, schema(item))))));
    } else if (key === "properties") {
      fields.push(bytes(25, message(named(1, v, schema))));
    }
  }
  fields.push(...extensions(31, value));
  return message(fields);
}

const SCHEMA_FIELDS: Record<string, [number, Kind]> = {
  $ref: [1, "string"], format: [2, "string"], title: [3, "string"], description: [4, "string"], default: [5, "any"],
  multipleOf: [6, "double"], maximum: [7, "double"], exclusiveMaximum: [8, "bool"], minimum: [9, "double"], exclusiveMinimum: [10, "bool"],
  maxLength: [11, "int64"], minLength: [12, "int64"], pattern: [13, "string"], maxItems: [14, "int64"], minItems: [15, "int64"],
  uniqueItems: [16, "bool"], maxProperties: [17, "int64"], minProperties: [18, "int64"], required: [19, "strings"], enum: [20, "anys"],
  allOf: [24, { messages: schema }], discriminator: [26, "string"], readOnly: [27, "bool"], externalDocs: [29, messageOf(() => EXTERNAL_DOCS)],
  example: [30, "any"],
};

/** Responses: status codes to a response or a reference, and extensions. */
function responses(value: Json): Uint8Array {
  if (!isObject(value)) return message([]);
  const responseValue = (v: Json) =>
    isObject(v) && typeof v["$ref"] === "string"
      ? message([bytes(2, message([str(1, v["$ref"])]))])
      : message([bytes(1, encodeMessage(RESPONSE, v))]);
  return message([...named(1, value, responseValue, true), ...extensions(2, value)]);
}

const RESPONSE: MessageSpec = {
  fields: {
    description: [1, "string"],
    // SchemaItem: a schema (field 1).
    schema: [2, { message: (v: Json) => message([bytes(1, schema(v))]) }],
  },
  extensions: 5,
};

const OPERATION: MessageSpec = {
  fields: {
    tags: [1, "strings"], summary: [2, "string"], description: [3, "string"], externalDocs: [4, messageOf(() => EXTERNAL_DOCS)],
    operationId: [5, "string"], produces: [6, "strings"], consumes: [7, "strings"], parameters: [8, { messages: parametersItem }],
    responses: [9, { message: responses }], schemes: [10, "strings"], deprecated: [11, "bool"], security: [12, { messages: securityRequirement }],
  },
  extensions: 13,
};

const PATH_ITEM: MessageSpec = {
  fields: {
    $ref: [1, "string"], get: [2, messageOf(() => OPERATION)], put: [3, messageOf(() => OPERATION)], post: [4, messageOf(() => OPERATION)],
    delete: [5, messageOf(() => OPERATION)], options: [6, messageOf(() => OPERATION)], head: [7, messageOf(() => OPERATION)],
    patch: [8, messageOf(() => OPERATION)], parameters: [9, { messages: parametersItem }],
  },
  extensions: 10,
};

/** SecurityRequirement: scheme names to lists of scopes. */
function securityRequirement(value: Json): Uint8Array {
  return message(named(1, value, (scopes) => message(encodeField(1, "strings", scopes))));
}

/** SecurityDefinitions: names to an API key or basic authentication scheme (what kube-apiserver publishes). */
function securityDefinitions(value: Json): Uint8Array {
  return message(
    named(1, value, (v) =>
      isObject(v) && v["type"] === "basic"
        ? message([bytes(1, encodeMessage({ fields: { type: [1, "string"], description: [2, "string"] }, extensions: 3 }, v))])
        : message([bytes(2, encodeMessage({ fields: { type: [1, "string"], name: [2, "string"], in: [3, "string"], description: [4, "string"] }, extensions: 5 }, v))]),
    ),
  );
}

const INFO: MessageSpec = {
  fields: {
    title: [1, "string"], version: [2, "string"], description: [3, "string"], termsOfService: [4, "string"],
    contact: [5, messageOf(() => ({ fields: { name: [1, "string"], url: [2, "string"], email: [3, "string"] }, extensions: 4 }))],
    license: [6, messageOf(() => ({ fields: { name: [1, "string"], url: [2, "string"] }, extensions: 3 }))],
  },
  extensions: 7,
};

const DOCUMENT: MessageSpec = {
  fields: {
    swagger: [1, "string"], info: [2, messageOf(() => INFO)], host: [3, "string"], basePath: [4, "string"], schemes: [5, "strings"],
    consumes: [6, "strings"], produces: [7, "strings"],
    // Paths: extensions (1), then each path (2).
    paths: [8, { message: (v: Json) => message([...(isObject(v) ? extensions(1, v) : []), ...named(2, v, (item) => encodeMessage(PATH_ITEM, item), true)]) }],
    definitions: [9, { message: (v: Json) => message(named(1, v, schema)) }],
    parameters: [10, { message: (v: Json) => message(named(1, v, parameter)) }],
    responses: [11, { message: (v: Json) => message(named(1, v, (r) => encodeMessage(RESPONSE, r))) }],
    security: [12, { messages: securityRequirement }],
    securityDefinitions: [13, { message: securityDefinitions }],
    tags: [14, messagesOf(() => ({ fields: { name: [1, "string"], description: [2, "string"], externalDocs: [3, messageOf(() => EXTERNAL_DOCS)] }, extensions: 4 }))],
    externalDocs: [15, messageOf(() => EXTERNAL_DOCS)],
  },
  extensions: 16,
};

/** The whole document as gnostic's openapi.v2.Document. */
export function swaggerToProtobuf(doc: unknown): Buffer {
  return Buffer.from(encodeMessage(DOCUMENT, doc as Json));
}
