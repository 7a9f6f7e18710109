// The REST endpoints of one API group (upstream: endpoints/installer.go and
// groupversion.go). The server mounts the router; it serves the full paths of
// every version of the group:
//
//   /api/v1/namespaces/{ns}/pods[/{name}[/status]]     namespaced, core group ("")
//   /api/v1/pods                                       all namespaces: list and watch only
//   /apis/apps/v1/namespaces/{ns}/deployments/{name}/scale
//   /apis/rbac.authorization.k8s.io/v1/clusterroles[/{name}]   cluster-scoped
//   /api/v1/watch/namespaces/{ns}/pods                 legacy watch paths
//
// What a request is about comes from its RequestInfo (set by the request-info
// filter); the router checks it against the installed resources and calls
// the handler for the verb:
//
//   unknown resource or subresource, or a path the resource's scope does not have   404 NotFound
//   a verb the resource (or subresource) does not offer                            405 MethodNotAllowed
//
// Subresources: `status` and `scale` when the definition has them, and the
// custom ones it declares (namespaces/finalize, ...), each with its verbs.
//
// Requests for other groups or versions fall through to the next handler.

import {
  type GroupResource,
  type KubeObject,
  type ProtobufDecoders,
  StatusError,
  isStatusError,
  newMethodNotSupported,
} from "@tskube/apimachinery";
import type { IncomingMessage } from "node:http";
import type { AdmissionChain } from "../admission/chain.js";
import type { CustomSubresource, ResourceDefinition, SubresourceKind, SubresourceVerb } from "../registry/resource.js";
import type { CustomSubresourceStorage, ResourceStorage } from "../registry/rest-storage.js";
import { maybeRequestContext } from "../request/context.js";
import type { RequestInfo } from "../request/request-info.js";
import type { APIGroupInfo, APIGroupVersion } from "../server/api-group.js";
import type { Handler } from "../server/handler-sequence.js";
import type { Logger } from "../server/logger.js";
import { DEFAULT_MAX_REQUEST_BODY_BYTES } from "./handlers/body.js";
import { createResource, createSubresource } from "./handlers/create.js";
import type { ObjectType } from "./handlers/decode.js";
import { deleteCollection, deleteResource } from "./handlers/delete.js";
import { getResource } from "./handlers/get.js";
import { listResource } from "./handlers/list.js";
import { patchResource } from "./handlers/patch.js";
import { writeError } from "./handlers/response.js";
import type { Endpoint, EndpointRequest } from "./handlers/scope.js";
import { tableColumnsForDefinition, tableColumnsOf } from "./handlers/transform.js";
import { updateResource } from "./handlers/update.js";
import { SCALE_GROUP, SCALE_KIND, SCALE_VERSION, ScaleSchema } from "./scale.js";

export interface APIGroupRouterOptions {
  /** Largest request body accepted (413 beyond). Default 3 MiB, as upstream. */
  maxRequestBodyBytes?: number;
  /** Where unexpected (500) errors are reported. */
  logger?: Logger;
  /**
   * Protobuf decoders by group, version and kind. An endpoint whose kind has
   * one accepts `application/vnd.kubernetes.protobuf` bodies; others answer 415.
   */
  protobuf?: ProtobufDecoders;
  /** The admission plugins every write goes through. */
  admission?: AdmissionChain;
}

/** A subresource as installed: its endpoint, the verbs it offers and what serves them. */
interface InstalledSubresource {
  endpoint: Endpoint;
  verbs: ReadonlySet<string>;
  storage: CustomSubresourceStorage;
}

/** A resource as installed: its storage and the endpoints for it and its subresources. */
interface InstalledResource {
  storage: ResourceStorage<KubeObject>;
  main: Endpoint;
  subresources: Map<string, InstalledSubresource>;
}

function objectTypeOf(def: ResourceDefinition<KubeObject>): ObjectType {
  const applyDefaults = def.strategy.applyDefaults?.bind(def.strategy);
  return {
    group: def.group,
    version: def.version,
    kind: def.kind,
    schema: def.schema,
    ...(applyDefaults ? { applyDefaults } : {}),
  };
}

/** What a `scale` subresource reads and writes: autoscaling/v1 Scale (metadata defaults to empty). */
const SCALE_TYPE: ObjectType = {
  group: SCALE_GROUP,
  version: SCALE_VERSION,
  kind: SCALE_KIND,
  schema: ScaleSchema.transform((scale) => ({ ...scale, metadata: scale.metadata ?? {} })),
};

/** The type with its protobuf decoder, when `protobuf` has one for its kind. */
function withProtobuf(type: ObjectType, protobuf: ProtobufDecoders | undefined): ObjectType {
  const decoder = protobuf?.decoderFor(type);
  return decoder ? { ...type, protobuf: decoder } : type;
}

/** The verbs of `status` and `scale`. */
const STATUS_AND_SCALE_VERBS: ReadonlySet<string> = new Set(["get", "update", "patch"]);

/** What each verb of a custom subresource needs from its storage. */
const VERB_NEEDS: Record<SubresourceVerb, keyof CustomSubresourceStorage> = {
  get: "get",
  update: "update",
  patch: "update",
  create: "create",
};

function subresourceTypeOf(kind: SubresourceKind): ObjectType {
  const applyDefaults = kind.applyDefaults?.bind(kind);
  return { group: kind.group, version: kind.version, kind: kind.kind, schema: kind.schema, ...(applyDefaults ? { applyDefaults } : {}) };
}

/** A declared custom subresource with its storage; a mismatch between the two is a programming error. */
function installCustomSubresource(
  main: Endpoint,
  name: string,
  declared: CustomSubresource,
  storage: CustomSubresourceStorage | undefined,
  protobuf: ProtobufDecoders | undefined,
): InstalledSubresource {
  const where = `${main.definition.resource}/${name}`;
  if (name === "status" || name === "scale") throw new Error(`${where}: declare status and scale with subresources.status and .scale`);
  if (storage === undefined) throw new Error(`${where} is declared but its ResourceStorage has no subresources.${name}`);
  for (const verb of declared.verbs) {
    if (typeof storage[VERB_NEEDS[verb]] !== "function") throw new Error(`${where} offers ${verb} but its storage has no ${VERB_NEEDS[verb]}()`);
  }
  const endpoint: Endpoint = declared.kind
    ? { ...main, subresource: name, type: withProtobuf(subresourceTypeOf(declared.kind), protobuf), tableColumns: tableColumnsOf([]) }
    : { ...main, subresource: name };
  return { endpoint, verbs: new Set(declared.verbs), storage };
}

function installResource(storage: ResourceStorage<KubeObject>, protobuf: ProtobufDecoders | undefined): InstalledResource {
  const def = storage.main.definition;
  const strategicMergePatch = def.strategicMergePatch ?? true;
  const main: Endpoint = {
    definition: def,
    subresource: "",
    type: withProtobuf(objectTypeOf(def), protobuf),
    tableColumns: tableColumnsForDefinition(def),
    strategicMergePatch,
  };
  const subresources = new Map<string, InstalledSubresource>();
  if (def.subresources?.status && storage.status) {
    subresources.set("status", { endpoint: { ...main, subresource: "status" }, verbs: STATUS_AND_SCALE_VERBS, storage: storage.status });
  }
  if (def.subresources?.scale && storage.scale) {
    subresources.set("scale", {
      endpoint: { definition: def, subresource: "scale", type: withProtobuf(SCALE_TYPE, protobuf), tableColumns: tableColumnsOf([]), strategicMergePatch },
      verbs: STATUS_AND_SCALE_VERBS,
      storage: storage.scale,
    });
  }
  for (const [name, declared] of Object.entries(def.subresources?.custom ?? {})) {
    subresources.set(name, installCustomSubresource(main, name, declared, storage.subresources?.[name], protobuf));
  }
  return { storage, main, subresources };
}

function installVersion(version: APIGroupVersion, protobuf: ProtobufDecoders | undefined): Map<string, InstalledResource> {
  return new Map(version.resources.map((r) => [r.main.definition.resource, installResource(r, protobuf)]));
}

/** 404 for a path nothing is served at, worded as upstream's fallback. */
function notFoundPath(): StatusError {
  return new StatusError({ code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: {} });
}

/** The endpoint a request reached (with the subresource serving it, if any), or the 404/405 it gets. */
function resolveEndpoint(
  info: RequestInfo,
  installed: InstalledResource,
  method: string,
): { endpoint: Endpoint; subresource?: InstalledSubresource } {
  const def = installed.main.definition;
  const verb = info.verb || method.toLowerCase();
  const methodNotAllowed = (resource: string) => {
    const gr: GroupResource = { group: def.group, resource };
    return newMethodNotSupported(gr, verb);
  };
  // parts = [resource, name, subresource...] after the namespace: does the path
  // itself name an object? (info.name may also come from a metadata.name field selector.)
  const pathHasName = info.parts.length >= 2;

  if (def.namespaced) {
    if (info.namespace === "") {
      // Without a namespace, only the collection can be listed or watched.
      if (pathHasName) throw notFoundPath();
      if (verb !== "list" && verb !== "watch") throw methodNotAllowed(def.resource);
    }
  } else if (info.namespace !== "" && !(info.resource === "namespaces" && info.namespace === info.name)) {
    // A cluster-scoped resource under /namespaces/{ns}/ (a namespace's own
    // path, /api/v1/namespaces/{name}, carries its name as the namespace).
    throw notFoundPath();
  }

  if (info.subresource !== "") {
    const sub = installed.subresources.get(info.subresource);
    if (sub === undefined) throw notFoundPath();
    if (!sub.verbs.has(verb)) throw methodNotAllowed(`${def.resource}/${info.subresource}`);
    return { endpoint: sub.endpoint, subresource: sub };
  }
  if (!(def.verbs as readonly string[]).includes(verb)) throw methodNotAllowed(def.resource);
  // POST goes to the collection, never to a named object.
  if (verb === "create" && pathHasName) throw methodNotAllowed(def.resource);
  return { endpoint: installed.main };
}

/** Calls the handler of a subresource's verb. */
function dispatchSubresource(er: EndpointRequest, sub: InstalledSubresource, verb: string): Promise<void> {
  const { storage } = sub;
  // Installing checked that the storage has the method each offered verb needs.
  switch (verb) {
    case "get":
      return getResource(er, (scope, name) => storage.get!(scope, name));
    case "update":
      return updateResource(er, (scope, name, objInfo) => storage.update!(scope, name, objInfo));
    case "patch":
      return patchResource(er, (scope, name, objInfo) => storage.update!(scope, name, objInfo));
    default:
      return createSubresource(er, (scope, name, obj) => storage.create!(scope, name, obj));
  }
}

async function dispatch(er: EndpointRequest, installed: InstalledResource, verb: string): Promise<void> {
  const { main } = installed.storage;
  switch (verb) {
    case "get":
      return getResource(er, (scope, name, opts) => main.get(scope, name, opts));
    case "list":
      return listResource(er, main, false);
    case "watch":
      return listResource(er, main, true);
    case "create":
      return createResource(er, main);
    case "update":
      return updateResource(er, (scope, name, objInfo) => main.update(scope, name, objInfo));
    case "patch":
      return patchResource(er, (scope, name, objInfo) => main.update(scope, name, objInfo));
    case "delete":
      return deleteResource(er, main);
    case "deletecollection":
      return deleteCollection(er, main);
    default:
      throw newMethodNotSupported({ group: main.definition.group, resource: main.definition.resource }, verb);
  }
}

/** The query of the request. */
function queryOf(req: IncomingMessage): URLSearchParams {
  const url = req.url || "/";
  const question = url.indexOf("?");
  return new URLSearchParams(question < 0 ? "" : url.slice(question + 1));
}

/**
 * A handler serving every version of an API group's resources (a handler of
 * the chain, handler-sequence.ts; it routes by the RequestInfo itself).
 * Mount it after the request-info filter; it reads request bodies itself.
 */
export function createAPIGroupRouter(info: APIGroupInfo, options: APIGroupRouterOptions = {}): Handler {
  const apiPrefix = info.name === "" ? "api" : "apis";
  const versions = new Map(info.versions.map((v) => [v.version, installVersion(v, options.protobuf)]));
  const maxRequestBodyBytes = options.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES;

  return async (req, res, next) => {
    const ctx = maybeRequestContext(req);
    const requestInfo = ctx?.requestInfo;
    if (!ctx || !requestInfo?.isResourceRequest || requestInfo.apiPrefix !== apiPrefix || requestInfo.apiGroup !== info.name) {
      next();
      return;
    }
    const resources = versions.get(requestInfo.apiVersion);
    if (resources === undefined) {
      next();
      return;
    }
    const query = queryOf(req);
    try {
      const installed = resources.get(requestInfo.resource);
      if (installed === undefined) throw notFoundPath();
      const { endpoint, subresource } = resolveEndpoint(requestInfo, installed, req.method ?? "GET");
      const er: EndpointRequest = {
        req,
        res,
        ctx,
        info: requestInfo,
        query,
        endpoint,
        namespace: endpoint.definition.namespaced ? requestInfo.namespace : "",
        name: requestInfo.name,
        maxRequestBodyBytes,
        ...(options.admission ? { admission: options.admission } : {}),
      };
      if (subresource) await dispatchSubresource(er, subresource, requestInfo.verb);
      else await dispatch(er, installed, requestInfo.verb);
    } catch (err) {
      if (!isStatusError(err)) options.logger?.error(`${req.method} ${requestInfo.path} failed`, err);
      writeError(req, res, err, query, ctx.warnings);
    }
  };
}
