// The paths and operations of one resource, named upstream's way
// (`listCoreV1NamespacedConfigMap`, `patchAppsV1NamespacedDeploymentScale`).
// They are built once in a version-neutral form; documents.ts renders them
// as OpenAPI v2 or v3.
//
// Watching is the list operation with `?watch=true`; the deprecated
// `/watch/...` paths are not published.

import { DeleteOptionsSchema, StatusSchema } from "@tskube/apimachinery";
import { SCALE_GVK } from "../discovery/from-group-info.js";
import type { ResourceDefinition, SubresourceVerb, Verb } from "../registry/resource.js";
import { listKindOf } from "../registry/resource.js";
import { kindDefinitionName } from "./definition-names.js";
import { NAMESPACE_PARAMETER, OPERATION_PARAMETERS, PARAMETERS, nameParameter } from "./parameters.js";
import type { GroupVersionKind, HttpMethod, KubernetesAction, ParameterSpec, SchemaObject } from "./types.js";
import { PATCH_DEFINITION, PATCH_SCHEMA, ScaleSchema } from "./well-known.js";
import type { SchemaConverter } from "./zod-to-openapi.js";

export interface OperationSpec {
  method: HttpMethod;
  action: KubernetesAction;
  operationId: string;
  description: string;
  gvk: GroupVersionKind;
  parameters: ParameterSpec[];
  /** The request body and the media types it may come in. */
  body?: { schema: SchemaObject; mediaTypes: string[] };
  responses: { code: string; description: string; schema?: SchemaObject }[];
  /** A list that can also stream as a watch. */
  watchable?: boolean;
}

export interface PathSpec {
  path: string;
  /** Parameters shared by every operation of the path. */
  parameters: ParameterSpec[];
  operations: OperationSpec[];
}

export const JSON_PATCH = "application/json-patch+json";
export const MERGE_PATCH = "application/merge-patch+json";
export const STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
export const APPLY_PATCH = "application/apply-patch+yaml";

/** The group and version being documented. */
export interface GroupVersion {
  group: string;
  version: string;
}

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPrefix(gv: GroupVersion): string {
  return gv.group === "" ? `/api/${gv.version}` : `/apis/${gv.group}/${gv.version}`;
}

/**
 * The group as upstream spells it in operation ids and tags: `core`, `apps`,
 * `rbacAuthorization` (the `.k8s.io` suffix dropped), `stableExampleCom`.
 */
export function groupFriendlyName(group: string): string {
  if (group === "") return "core";
  const words = group.replace(/\.k8s\.io$/, "").split(/[.-]/).filter((w) => w !== "");
  return words.map((w, i) => (i === 0 ? w : capitalize(w))).join("");
}

/** `core_v1`, `apps_v1`: the tag every operation of a group-version carries. */
export function groupVersionTag(gv: GroupVersion): string {
  return `${groupFriendlyName(gv.group)}_${gv.version}`;
}

/** Every path of one resource, converting the schemas it refers to with `c`. */
export function resourcePaths(gv: GroupVersion, def: ResourceDefinition, c: SchemaConverter): PathSpec[] {
  const gvk: GroupVersionKind = { group: gv.group, version: gv.version, kind: def.kind };
  const can = (verb: Verb) => def.verbs.includes(verb);
  const ids = operationIds(gv, def.kind, def.namespaced);
  const kind = def.kind;

  // documents.ts writes the kind and list definitions under these names.
  const object = { $ref: c.refPath(kindDefinitionName(gvk)) };
  const list = { $ref: c.refPath(kindDefinitionName({ ...gvk, kind: listKindOf(def) })) };
  const status = c.use(StatusSchema);
  const deleteOptions = c.use(DeleteOptionsSchema);
  const patch: OperationSpec["body"] = {
    schema: c.defineStatic(PATCH_DEFINITION, PATCH_SCHEMA),
    mediaTypes: [
      JSON_PATCH,
      MERGE_PATCH,
      // kubectl's client-side apply sends a strategic merge patch only if the PATCH operation lists it.
      ...(def.strategicMergePatch !== false ? [STRATEGIC_MERGE_PATCH] : []),
      APPLY_PATCH,
    ],
  };
  const anyType = (schema: SchemaObject) => ({ schema, mediaTypes: ["*/*"] });

  const prefix = groupVersionPrefix(gv);
  const collectionPath = def.namespaced ? `${prefix}/namespaces/{namespace}/${def.resource}` : `${prefix}/${def.resource}`;
  const itemPath = `${collectionPath}/{name}`;
  const scope = def.namespaced ? [NAMESPACE_PARAMETER] : [];
  const itemParameters = [nameParameter(kind), ...scope, PARAMETERS.pretty];

  const paths: PathSpec[] = [];
  const addPath = (path: string, parameters: ParameterSpec[], operations: (OperationSpec | false)[]) => {
    const served = operations.filter((o): o is OperationSpec => o !== false);
    if (served.length > 0) paths.push({ path, parameters, operations: served });
  };

  // The collection: list (and watch), create, deletecollection.
  addPath(collectionPath, [...scope, PARAMETERS.pretty], [
    can("list") && {
      method: "get", action: "list", operationId: ids.list, gvk,
      description: `List the ${kind} objects, or watch them with watch=true.`,
      parameters: OPERATION_PARAMETERS.list, responses: responses(list, "200"), watchable: true,
    },
    can("create") && {
      method: "post", action: "post", operationId: ids.create, gvk,
      description: `Create a ${kind}.`,
      parameters: OPERATION_PARAMETERS.create, body: anyType(object), responses: responses(object, "200", "201", "202"),
    },
    can("deletecollection") && {
      method: "delete", action: "deletecollection", operationId: ids.deleteCollection, gvk,
      description: `Delete every ${kind} the selectors match.`,
      parameters: OPERATION_PARAMETERS.deletecollection, body: anyType(deleteOptions), responses: responses(status, "200"),
    },
  ]);

  // A namespaced kind can also be listed across all namespaces.
  if (def.namespaced) {
    addPath(`${prefix}/${def.resource}`, [PARAMETERS.pretty], [
      can("list") && {
        method: "get", action: "list", operationId: ids.listAllNamespaces, gvk,
        description: `List the ${kind} objects of every namespace, or watch them with watch=true.`,
        parameters: OPERATION_PARAMETERS.list, responses: responses(list, "200"), watchable: true,
      },
    ]);
  }

  // One object: read, replace, patch, delete.
  addPath(itemPath, itemParameters, [
    can("get") && {
      method: "get", action: "get", operationId: ids.item("read"), gvk,
      description: `Read the ${kind}.`,
      parameters: OPERATION_PARAMETERS.get, responses: responses(object, "200"),
    },
    can("update") && {
      method: "put", action: "put", operationId: ids.item("replace"), gvk,
      description: `Replace the ${kind}.`,
      parameters: OPERATION_PARAMETERS.update, body: anyType(object), responses: responses(object, "200", "201"),
    },
    can("patch") && {
      method: "patch", action: "patch", operationId: ids.item("patch"), gvk,
      description: `Partially update the ${kind}.`,
      parameters: OPERATION_PARAMETERS.patch, body: patch, responses: responses(object, "200", "201"),
    },
    can("delete") && {
      method: "delete", action: "delete", operationId: ids.item("delete"), gvk,
      description: `Delete the ${kind}.`,
      parameters: OPERATION_PARAMETERS.delete, body: anyType(deleteOptions), responses: responses(status, "200", "202"),
    },
  ]);

  // Subresources: status and scale can be read, replaced and patched; custom ones offer the verbs they declare.
  const subresource = (name: string, verbs: readonly SubresourceVerb[], schema: SchemaObject, subGvk: GroupVersionKind) => {
    const suffix = capitalize(name);
    const offers = (verb: SubresourceVerb) => verbs.includes(verb);
    addPath(`${itemPath}/${name}`, itemParameters, [
      offers("get") && {
        method: "get", action: "get", operationId: ids.item("read", suffix), gvk: subGvk,
        description: `Read the ${name} of the ${kind}.`,
        parameters: OPERATION_PARAMETERS.get, responses: responses(schema, "200"),
      },
      offers("create") && {
        method: "post", action: "post", operationId: ids.item("create", suffix), gvk: subGvk,
        description: `Create the ${name} of the ${kind}.`,
        parameters: OPERATION_PARAMETERS.create, body: anyType(schema), responses: responses(schema, "200", "201", "202"),
      },
      offers("update") && {
        method: "put", action: "put", operationId: ids.item("replace", suffix), gvk: subGvk,
        description: `Replace the ${name} of the ${kind}.`,
        parameters: OPERATION_PARAMETERS.update, body: anyType(schema), responses: responses(schema, "200", "201"),
      },
      offers("patch") && {
        method: "patch", action: "patch", operationId: ids.item("patch", suffix), gvk: subGvk,
        description: `Partially update the ${name} of the ${kind}.`,
        parameters: OPERATION_PARAMETERS.patch, body: patch, responses: responses(schema, "200", "201"),
      },
    ]);
  };
  const STATUS_AND_SCALE: readonly SubresourceVerb[] = ["get", "update", "patch"];
  const subresources: { name: string; verbs: readonly SubresourceVerb[]; schema: SchemaObject; gvk: GroupVersionKind }[] = [];
  if (def.subresources?.scale) subresources.push({ name: "scale", verbs: STATUS_AND_SCALE, schema: c.use(ScaleSchema), gvk: SCALE_GVK });
  if (def.subresources?.status) subresources.push({ name: "status", verbs: STATUS_AND_SCALE, schema: object, gvk });
  for (const [name, custom] of Object.entries(def.subresources?.custom ?? {})) {
    const other = custom.kind;
    subresources.push(
      other
        ? { name, verbs: custom.verbs, schema: c.use(other.schema), gvk: { group: other.group, version: other.version, kind: other.kind } }
        : { name, verbs: custom.verbs, schema: object, gvk },
    );
  }
  // In name order, as upstream lists them.
  subresources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const sub of subresources) subresource(sub.name, sub.verbs, sub.schema, sub.gvk);
  return paths;
}

/** Success responses with `schema`, plus 401 as upstream lists it. */
function responses(schema: SchemaObject, ...codes: string[]): OperationSpec["responses"] {
  return [
    ...codes.map((code) => ({ code, description: RESPONSE_TEXT[code] ?? code, schema })),
    { code: "401", description: "Unauthorized" },
  ];
}

const RESPONSE_TEXT: Record<string, string> = { "200": "OK", "201": "Created", "202": "Accepted" };

/** upstream's operation ids: verb + group + version + scope + kind (+ subresource). */
function operationIds(gv: GroupVersion, kind: string, namespaced: boolean) {
  const groupVersion = capitalize(groupFriendlyName(gv.group)) + capitalize(gv.version);
  const scoped = namespaced ? `Namespaced${kind}` : kind;
  return {
    list: `list${groupVersion}${scoped}`,
    listAllNamespaces: `list${groupVersion}${kind}ForAllNamespaces`,
    create: `create${groupVersion}${scoped}`,
    deleteCollection: `delete${groupVersion}Collection${scoped}`,
    item: (verb: "read" | "create" | "replace" | "patch" | "delete", subresource = "") => `${verb}${groupVersion}${scoped}${subresource}`,
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
