// The parts of OpenAPI v2 (Swagger 2.0) and v3.0 documents we publish.
// Both versions share the schema object; they differ in where schemas live
// (`definitions` vs `components.schemas`) and in how operations describe
// parameters and bodies.

/** Which OpenAPI version a schema or document is written for. */
export type OpenAPIVersion = "v2" | "v3";

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** A JSON schema as OpenAPI uses it, with the Kubernetes extensions clients read. */
export interface SchemaObject {
  $ref?: string;
  description?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  format?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  uniqueItems?: boolean;
  additionalProperties?: SchemaObject | boolean;
  enum?: unknown[];
  default?: unknown;
  /** v3 only. */
  nullable?: boolean;
  allOf?: SchemaObject[];
  /** v3 only. */
  anyOf?: SchemaObject[];
  /** On kinds: `[{group, version, kind}]` (several kinds may share a schema). */
  "x-kubernetes-group-version-kind"?: GroupVersionKind[];
  "x-kubernetes-patch-merge-key"?: string;
  "x-kubernetes-patch-strategy"?: string;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: "atomic" | "granular";
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  [extension: `x-${string}`]: unknown;
}

// ---- operations ----

/** `x-kubernetes-action`: what an operation does to the resource. */
export type KubernetesAction = "get" | "list" | "post" | "put" | "patch" | "delete" | "deletecollection";

/** A path or query parameter, in a version-neutral form; documents render it for v2 or v3. */
export interface ParameterSpec {
  name: string;
  in: "path" | "query";
  description: string;
  type: "string" | "integer" | "boolean";
  required?: boolean;
}

export interface V2Parameter {
  name: string;
  in: "path" | "query" | "body";
  description?: string;
  required?: boolean;
  type?: string;
  uniqueItems?: boolean;
  schema?: SchemaObject;
}

export interface V3Parameter {
  name: string;
  in: "path" | "query";
  description?: string;
  required?: boolean;
  schema: SchemaObject;
}

interface OperationCommon {
  tags: string[];
  description: string;
  operationId: string;
  "x-kubernetes-action": KubernetesAction;
  "x-kubernetes-group-version-kind": GroupVersionKind;
}

export interface V2Operation extends OperationCommon {
  consumes: string[];
  produces: string[];
  schemes: string[];
  parameters?: V2Parameter[];
  responses: Record<string, { description: string; schema?: SchemaObject }>;
}

export interface V3MediaType {
  schema: SchemaObject;
}

export interface V3Operation extends OperationCommon {
  parameters?: V3Parameter[];
  requestBody?: { content: Record<string, V3MediaType>; required: boolean };
  responses: Record<string, { description: string; content?: Record<string, V3MediaType> }>;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";

export type V2PathItem = Partial<Record<HttpMethod, V2Operation>> & { parameters?: V2Parameter[] };
export type V3PathItem = Partial<Record<HttpMethod, V3Operation>> & { parameters?: V3Parameter[] };

interface Info {
  title: string;
  version: string;
}

export interface V2Document {
  swagger: "2.0";
  info: Info;
  paths: Record<string, V2PathItem>;
  definitions: Record<string, SchemaObject>;
  securityDefinitions: Record<string, { type: "apiKey"; name: string; in: "header"; description: string }>;
  security: Record<string, string[]>[];
}

export interface V3Document {
  openapi: "3.0.0";
  info: Info;
  paths: Record<string, V3PathItem>;
  components: {
    schemas: Record<string, SchemaObject>;
    securitySchemes: Record<string, { type: "apiKey"; name: string; in: "header"; description: string }>;
  };
  security: Record<string, string[]>[];
}
