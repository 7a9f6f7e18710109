// A custom resource kind's OpenAPI schemas (upstream: controller/openapi/
// builder and openapi/v2/conversion.go), for the /openapi/v3 and /openapi/v2
// documents that kubectl explain (v3) and kubectl's client-side validation
// (v2) read. The CRD's structural schema, plus:
//   - apiVersion, kind and metadata (a reference to ObjectMeta) at the root
//     and in every embedded resource, which also require apiVersion and kind;
//   - x-kubernetes-group-version-kind naming the kind;
//   - v3: int-or-string written out as anyOf integer/string;
//   - v2: only what Swagger 2.0 and kubectl's v2 reader cope with: no
//     junctors, nullable fields untyped, preserve-unknown-fields nodes
//     without properties or items (the root then publishes a bare object).
// And the list kind's schema.

import type { JSONValue } from "./types.js";
import type { NestedValueValidation, Structural, ValueValidation } from "./structural.js";

export type OpenAPIVersion = "v2" | "v3";

/** A schema object of the published document. */
export type OpenAPISchema = { [key: string]: JSONValue | OpenAPISchema | OpenAPISchema[] | undefined };

export interface CustomResourceKind {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
}

export interface KindSchemas {
  /** Definition names, e.g. `com.example.stable.v1.CronTab` and `com.example.stable.v1.CronTabList`. */
  kindName: string;
  listName: string;
  kind: OpenAPISchema;
  list: OpenAPISchema;
}

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const ref = (name: string, v: OpenAPIVersion) => (v === "v3" ? `#/components/schemas/${name}` : `#/definitions/${name}`);

// Our own descriptions of the fields every kind has.
const API_VERSION_DESCRIPTION =
  "The version of the schema this object is written in. Servers convert recognized versions to the latest internal value and may reject unrecognized ones. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
const KIND_DESCRIPTION =
  "The kind of REST resource this object is, in CamelCase. Servers may infer it from the endpoint the client sends the request to. It cannot be updated. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
const METADATA_DESCRIPTION = "The object's standard metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const LIST_METADATA_DESCRIPTION = "The list's standard metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

/** `stable.example.com` + `v1` + `CronTab` -> `com.example.stable.v1.CronTab` (upstream: ToRESTFriendlyName). */
export function definitionName(group: string, version: string, kind: string): string {
  return [...group.split(".").reverse(), version, kind].join(".");
}

export function buildKindSchemas(schema: Structural | undefined, names: CustomResourceKind, version: OpenAPIVersion): KindSchemas {
  const gvk = (kind: string) => [{ group: names.group, version: names.version, kind }];
  const kindName = definitionName(names.group, names.version, names.kind);
  const listName = definitionName(names.group, names.version, names.listKind);

  let kind: OpenAPISchema;
  if (!schema || (version === "v2" && schema.xPreserveUnknownFields)) {
    // kubectl's v2 validation would reject every field but apiVersion, kind and metadata otherwise.
    kind = { type: "object" };
  } else {
    const s = version === "v2" ? toOpenAPIV2Structural(schema) : unfoldIntOrString(schema);
    kind = toOpenAPI(s, version);
    const props = ((kind["properties"] as Record<string, OpenAPISchema> | undefined) ?? {});
    props["metadata"] = metaRef(`${META}.ObjectMeta`, METADATA_DESCRIPTION, version);
    props["apiVersion"] = { type: "string", description: API_VERSION_DESCRIPTION };
    props["kind"] = { type: "string", description: KIND_DESCRIPTION };
    kind["properties"] = props;
    addEmbeddedProperties(kind, version);
  }
  kind["x-kubernetes-group-version-kind"] = gvk(names.kind);

  const list: OpenAPISchema = {
    description: `${names.listKind} is a list of ${names.kind}`,
    type: "object",
    required: ["items"],
    properties: {
      apiVersion: { type: "string", description: API_VERSION_DESCRIPTION },
      items: {
        type: "array",
        description: `List of ${names.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        items: { $ref: ref(kindName, version) },
      },
      kind: { type: "string", description: KIND_DESCRIPTION },
      metadata: metaRef(`${META}.ListMeta`, LIST_METADATA_DESCRIPTION, version),
    },
    "x-kubernetes-group-version-kind": gvk(names.listKind),
  };
  return { kindName, listName, kind, list };
}

/** A reference with a description: v3 wraps the reference in allOf, as kube-openapi writes it. */
function metaRef(name: string, description: string, v: OpenAPIVersion): OpenAPISchema {
  return v === "v3" ? { allOf: [{ $ref: ref(name, v) }], description } : { $ref: ref(name, v), description };
}

function addEmbeddedProperties(s: OpenAPISchema, v: OpenAPIVersion): void {
  for (const p of Object.values((s["properties"] as Record<string, OpenAPISchema> | undefined) ?? {})) addEmbeddedProperties(p, v);
  if (s["items"] && typeof s["items"] === "object") addEmbeddedProperties(s["items"] as OpenAPISchema, v);
  if (s["additionalProperties"] && typeof s["additionalProperties"] === "object") addEmbeddedProperties(s["additionalProperties"] as OpenAPISchema, v);
  if (v === "v2" && s["x-kubernetes-preserve-unknown-fields"] === true) return;
  if (s["x-kubernetes-embedded-resource"] !== true) return;
  const props = ((s["properties"] as Record<string, OpenAPISchema> | undefined) ?? {});
  props["apiVersion"] = { type: "string", description: API_VERSION_DESCRIPTION };
  props["kind"] = { type: "string", description: KIND_DESCRIPTION };
  props["metadata"] = metaRef(`${META}.ObjectMeta`, METADATA_DESCRIPTION, v);
  s["properties"] = props;
  const required = new Set((s["required"] as string[] | undefined) ?? []);
  s["required"] = [...required, ...["kind", "apiVersion"].filter((k) => !required.has(k))];
}

/** The structural schema as an OpenAPI schema object. */
export function toOpenAPI(s: Structural, v: OpenAPIVersion): OpenAPISchema {
  const out: OpenAPISchema = {};
  if (s.description) out["description"] = s.description;
  if (s.type) out["type"] = s.type;
  if (s.title) out["title"] = s.title;
  if (s.default !== undefined) out["default"] = s.default;
  if (s.nullable && v === "v3") out["nullable"] = true;
  if (s.externalDocs) out["externalDocs"] = { ...s.externalDocs };
  if (s.items) out["items"] = toOpenAPI(s.items, v);
  if (s.properties) out["properties"] = Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, toOpenAPI(p, v)]));
  if (s.additionalProperties) out["additionalProperties"] = s.additionalProperties.schema ? toOpenAPI(s.additionalProperties.schema, v) : s.additionalProperties.allows;
  if (s.valueValidation) Object.assign(out, valueValidationToOpenAPI(s.valueValidation, v));
  if (s.xPreserveUnknownFields) out["x-kubernetes-preserve-unknown-fields"] = true;
  if (s.xEmbeddedResource) out["x-kubernetes-embedded-resource"] = true;
  if (s.xIntOrString) out["x-kubernetes-int-or-string"] = true;
  if (s.xListMapKeys) out["x-kubernetes-list-map-keys"] = [...s.xListMapKeys];
  if (s.xListType) out["x-kubernetes-list-type"] = s.xListType;
  if (s.xMapType) out["x-kubernetes-map-type"] = s.xMapType;
  if (s.xValidations) out["x-kubernetes-validations"] = s.xValidations.map((r) => ({ ...r }) as unknown as JSONValue);
  return out;
}

function valueValidationToOpenAPI(vv: ValueValidation, v: OpenAPIVersion): OpenAPISchema {
  const out: OpenAPISchema = {};
  for (const [k, val] of Object.entries(vv)) {
    if (k === "allOf" || k === "anyOf" || k === "oneOf") out[k] = (val as NestedValueValidation[]).map((n) => nestedToOpenAPI(n, v));
    else if (k === "not") out[k] = nestedToOpenAPI(val as NestedValueValidation, v);
    else out[k] = val as JSONValue;
  }
  return out;
}

function nestedToOpenAPI(n: NestedValueValidation, v: OpenAPIVersion): OpenAPISchema {
  const out: OpenAPISchema = { ...valueValidationToOpenAPI(n.valueValidation, v) };
  if (n.forbiddenGenerics.type) out["type"] = n.forbiddenGenerics.type;
  if (n.items) out["items"] = nestedToOpenAPI(n.items, v);
  if (n.properties) out["properties"] = Object.fromEntries(Object.entries(n.properties).map(([k, p]) => [k, nestedToOpenAPI(p, v)]));
  return out;
}

/** int-or-string nodes get their anyOf written out, as upstream's Unfold does. */
function unfoldIntOrString(s: Structural): Structural {
  const out: Structural = { ...s };
  if (s.items) out.items = unfoldIntOrString(s.items);
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, unfoldIntOrString(p)]));
  if (s.additionalProperties?.schema) out.additionalProperties = { allows: true, schema: unfoldIntOrString(s.additionalProperties.schema) };
  if (s.xIntOrString) {
    const pair: NestedValueValidation[] = [
      { valueValidation: {}, forbiddenGenerics: { type: "integer" }, forbiddenExtensions: {} },
      { valueValidation: {}, forbiddenGenerics: { type: "string" }, forbiddenExtensions: {} },
    ];
    const vv = s.valueValidation ?? {};
    if (!vv.anyOf) out.valueValidation = { ...vv, anyOf: pair };
    else if (!vv.allOf?.[0]?.valueValidation.anyOf) out.valueValidation = { ...vv, allOf: [{ valueValidation: { anyOf: pair }, forbiddenGenerics: {}, forbiddenExtensions: {} }, ...(vv.allOf ?? [])] };
  }
  return out;
}

/** What kubectl's OpenAPI v2 reader can take (upstream: ToStructuralOpenAPIV2). */
function toOpenAPIV2Structural(s: Structural): Structural {
  const out: Structural = { ...s };
  if (out.valueValidation) {
    const { allOf: _a, anyOf: _b, oneOf: _c, not: _d, ...rest } = out.valueValidation;
    out.valueValidation = rest;
  }
  if (out.nullable) {
    out.type = "";
    out.nullable = false;
    delete out.items;
    delete out.properties;
  }
  if (out.xPreserveUnknownFields) {
    delete out.items;
    delete out.properties;
  }
  if (!out.items && out.type === "array") out.type = "";
  if (out.items) out.items = toOpenAPIV2Structural(out.items);
  if (out.properties) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, p]) => [k, toOpenAPIV2Structural(p)]));
    // A nullable field may be sent as null, which v2 cannot express as required.
    const nullable = new Set(Object.entries(s.properties ?? {}).filter(([, p]) => p.nullable).map(([k]) => k));
    if (out.valueValidation?.required) out.valueValidation = { ...out.valueValidation, required: out.valueValidation.required.filter((r) => !nullable.has(r)) };
  }
  if (out.additionalProperties?.schema) out.additionalProperties = { allows: true, schema: toOpenAPIV2Structural(out.additionalProperties.schema) };
  // v2 has no int-or-string type; the node stays untyped.
  if (out.xIntOrString) out.type = "";
  return out;
}
