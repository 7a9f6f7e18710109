// Assembles OpenAPI documents from installed API groups:
//   - v2: one document for every group (`/openapi/v2`),
//   - v3: one document per group-version (`/openapi/v3/apis/<g>/<v>`, `/openapi/v3/api/v1`),
//     which is what kubectl reads for `explain` and client-side apply.

import type { KubeObject } from "@tskube/apimachinery";
import { ListMetaSchema } from "@tskube/apimachinery";
import type { ResourceDefinition } from "../registry/resource.js";
import { listKindOf } from "../registry/resource.js";
import type { APIGroupInfo } from "../server/api-group.js";
import { kindDefinitionName, type DefinitionNames } from "./definition-names.js";
import { toV2Parameter, toV3Parameter } from "./parameters.js";
import { groupVersionTag, resourcePaths, type GroupVersion, type OperationSpec, type PathSpec } from "./paths.js";
import type {
  GroupVersionKind,
  SchemaObject,
  V2Document,
  V2Operation,
  V2PathItem,
  V3Document,
  V3MediaType,
  V3Operation,
  V3PathItem,
} from "./types.js";
import { wellKnownNames } from "./well-known.js";
import { SchemaConverter } from "./zod-to-openapi.js";

/** The `info` of every document. */
export interface DocumentInfo {
  title: string;
  version: string;
}

const SECURITY_SCHEMES = {
  BearerToken: {
    type: "apiKey" as const,
    name: "authorization",
    in: "header" as const,
    description: "A bearer token: 'Authorization: Bearer <token>'.",
  },
};

/** A group-version to document, with the definitions of its resources. */
interface GroupVersionResources extends GroupVersion {
  definitions: ResourceDefinition<KubeObject>[];
}

/** `api/v1` or `apis/<group>/<version>`: the key of a group-version in the /openapi/v3 index. */
export function v3PathOf(gv: GroupVersion): string {
  return gv.group === "" ? `api/${gv.version}` : `apis/${gv.group}/${gv.version}`;
}

/** Every group-version of the given groups, in order. */
export function groupVersionsOf(groups: readonly APIGroupInfo[]): GroupVersionResources[] {
  return groups.flatMap((g) =>
    g.versions.map((v) => ({
      group: g.name,
      version: v.version,
      definitions: v.resources.map((r) => r.main.definition),
    })),
  );
}

export function buildV2Document(groups: readonly APIGroupInfo[], info: DocumentInfo): V2Document {
  const gvs = groupVersionsOf(groups);
  const c = new SchemaConverter("v2", namesFor(gvs));
  const paths: Record<string, V2PathItem> = {};
  for (const gv of gvs) {
    for (const spec of documentGroupVersion(gv, c)) paths[spec.path] = v2PathItem(spec, groupVersionTag(gv));
  }
  return {
    swagger: "2.0",
    info: { ...info },
    paths: sortedRecord(paths),
    definitions: sortedRecord(Object.fromEntries(c.definitions)),
    securityDefinitions: SECURITY_SCHEMES,
    security: [{ BearerToken: [] }],
  };
}

/**
 * `own` with the paths and definitions of `others` added; where a name is
 * in both, `own`'s stays (an aggregated server publishes the shared meta
 * types too). Keys stay sorted.
 */
export function mergeV2Documents(own: V2Document, others: readonly V2Document[]): V2Document {
  const paths = { ...own.paths };
  const definitions = { ...own.definitions };
  for (const other of others) {
    for (const [path, item] of Object.entries(other.paths ?? {})) paths[path] ??= item;
    for (const [name, schema] of Object.entries(other.definitions ?? {})) definitions[name] ??= schema;
  }
  return { ...own, paths: sortedRecord(paths), definitions: sortedRecord(definitions) };
}

export function buildV3Document(gv: GroupVersionResources, info: DocumentInfo): V3Document {
  const c = new SchemaConverter("v3", namesFor([gv]));
  const paths: Record<string, V3PathItem> = {};
  for (const spec of documentGroupVersion(gv, c)) paths[spec.path] = v3PathItem(spec, groupVersionTag(gv));
  return {
    openapi: "3.0.0",
    info: { ...info },
    paths: sortedRecord(paths),
    components: { schemas: sortedRecord(Object.fromEntries(c.definitions)), securitySchemes: SECURITY_SCHEMES },
    security: [{ BearerToken: [] }],
  };
}

/** The shared definitions plus one name per served kind, so that kinds can refer to each other. */
function namesFor(gvs: readonly GroupVersionResources[]): DefinitionNames {
  const names = wellKnownNames();
  for (const gv of gvs) {
    for (const def of gv.definitions) {
      const gvk = { group: gv.group, version: gv.version, kind: def.kind };
      names.register(def.schema, kindNamed(gvk, def));
    }
  }
  return names;
}

function kindNamed(gvk: GroupVersionKind, def: ResourceDefinition<KubeObject>) {
  return {
    name: kindDefinitionName(gvk),
    ...(def.description !== undefined ? { description: def.description } : {}),
    gvk: [gvk],
  };
}

/** Writes the kind and list definitions of a group-version into `c` and returns its paths. */
function documentGroupVersion(gv: GroupVersionResources, c: SchemaConverter): PathSpec[] {
  const paths: PathSpec[] = [];
  for (const def of gv.definitions) {
    const gvk = { group: gv.group, version: gv.version, kind: def.kind };
    // Defined by this kind's own name even if the same schema serves another kind or version.
    c.define(def.schema, kindNamed(gvk, def));
    defineList(c, gvk, listKindOf(def));
    paths.push(...resourcePaths(gv, def, c));
  }
  return paths;
}

/** `<Kind>List`: what a list operation returns. */
function defineList(c: SchemaConverter, gvk: GroupVersionKind, listKind: string): void {
  const listGvk = { ...gvk, kind: listKind };
  c.defineStatic(kindDefinitionName(listGvk), {
    description: `A list of ${gvk.kind} objects.`,
    type: "object",
    properties: {
      apiVersion: { description: "Group and version of the schema, e.g. `v1` or `apps/v1`.", type: "string" },
      items: {
        description: `The ${gvk.kind} objects.`,
        type: "array",
        items: { $ref: c.refPath(kindDefinitionName(gvk)) },
      },
      kind: { description: `Always ${listKind}.`, type: "string" },
      metadata: withDescription(c.use(ListMetaSchema), "The list's resourceVersion and the token to the next page.", c),
    },
    required: ["items"],
    "x-kubernetes-group-version-kind": [listGvk],
  });
}

function withDescription(ref: SchemaObject, description: string, c: SchemaConverter): SchemaObject {
  return c.version === "v2" ? { ...ref, description } : { description, allOf: [ref] };
}

// ---- rendering a path for v2 or v3 ----

function v2PathItem(spec: PathSpec, tag: string): V2PathItem {
  const item: V2PathItem = {};
  for (const op of spec.operations) item[op.method] = v2Operation(op, tag);
  item.parameters = spec.parameters.map(toV2Parameter);
  return item;
}

function v2Operation(op: OperationSpec, tag: string): V2Operation {
  const parameters = [
    ...(op.body ? [{ name: "body", in: "body" as const, required: true, schema: op.body.schema }] : []),
    ...op.parameters.map(toV2Parameter),
  ];
  return {
    tags: [tag],
    description: op.description,
    consumes: op.body?.mediaTypes ?? ["*/*"],
    produces: op.watchable ? ["application/json", "application/json;stream=watch"] : ["application/json"],
    schemes: ["https"],
    operationId: op.operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    responses: Object.fromEntries(
      op.responses.map((r) => [r.code, { description: r.description, ...(r.schema ? { schema: r.schema } : {}) }]),
    ),
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": { ...op.gvk },
  };
}

function v3PathItem(spec: PathSpec, tag: string): V3PathItem {
  const item: V3PathItem = {};
  for (const op of spec.operations) item[op.method] = v3Operation(op, tag);
  item.parameters = spec.parameters.map(toV3Parameter);
  return item;
}

function v3Operation(op: OperationSpec, tag: string): V3Operation {
  const content = (schema: SchemaObject): Record<string, V3MediaType> => ({
    "application/json": { schema },
    ...(op.watchable ? { "application/json;stream=watch": { schema } } : {}),
  });
  const body = op.body;
  return {
    tags: [tag],
    description: op.description,
    operationId: op.operationId,
    ...(op.parameters.length > 0 ? { parameters: op.parameters.map(toV3Parameter) } : {}),
    ...(body
      ? {
          requestBody: {
            content: Object.fromEntries(body.mediaTypes.map((type) => [type, { schema: body.schema }])),
            required: true,
          },
        }
      : {}),
    responses: Object.fromEntries(
      op.responses.map((r) => [r.code, { description: r.description, ...(r.schema ? { content: content(r.schema) } : {}) }]),
    ),
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": { ...op.gvk },
  };
}

/** Keys in order, so that the same groups always give the same bytes (and hash). */
function sortedRecord<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
