// What every verb handler works with (upstream: handlers.RequestScope): the
// endpoint the request reached, the request's namespace and name, and
// helpers shared by the handlers.

import type { IncomingMessage, ServerResponse } from "node:http";
import { type GroupResource, type KubeObject, newBadRequest } from "@tskube/apimachinery";
import type { ResourceDefinition, TableColumn } from "../../registry/resource.js";
import type { AdmissionChain } from "../../admission/chain.js";
import type { RequestScope, WriteValidation } from "../../registry/rest-storage.js";
import type { RequestContext } from "../../request/context.js";
import type { RequestInfo } from "../../request/request-info.js";
import { type MediaTypeOptions, contentTypeOf, negotiateOutput } from "../negotiation.js";
import { type ObjectType, groupVersionOf, withTypeMeta } from "./decode.js";
import { type TableOptions, parseTableOptions } from "./options.js";
import { isPrettyRequested, serialize, writeBody } from "./response.js";
import { isList, isStatus, transformObject } from "./transform.js";

/** "" for the main resource; else the subresource's name (`status`, `scale`, `finalize`, ...). */
export type SubresourceName = string;

/** One installed REST endpoint: a resource, or one of its subresources. */
export interface Endpoint {
  /** The resource's definition (for a subresource, the parent resource's). */
  definition: ResourceDefinition<KubeObject>;
  subresource: SubresourceName;
  /** The kind the endpoint reads and writes: the resource's, or autoscaling/v1 Scale. */
  type: ObjectType;
  /** The columns of its Table form (Name first, Age last). */
  tableColumns: TableColumn<KubeObject>[];
  /** Whether application/strategic-merge-patch+json is accepted (built-in kinds). */
  strategicMergePatch: boolean;
}

/** A request as a handler sees it. */
export interface EndpointRequest {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: RequestContext;
  info: RequestInfo;
  query: URLSearchParams;
  endpoint: Endpoint;
  /** The request's namespace; "" for cluster-scoped resources and all-namespace lists. */
  namespace: string;
  /** The object's name from the path ("" for collections). */
  name: string;
  maxRequestBodyBytes: number;
  /** The server's admission plugins; none when absent. */
  admission?: AdmissionChain;
}

export function groupResourceOf(endpoint: Endpoint): GroupResource {
  return { group: endpoint.definition.group, resource: endpoint.definition.resource };
}

/** What the registry is told about the request. */
export function storageScope(
  er: EndpointRequest,
  opts: { dryRun?: boolean; fieldManager?: string; validation?: WriteValidation | undefined } = {},
): RequestScope {
  return {
    namespace: er.namespace,
    ...(er.ctx.user ? { user: er.ctx.user } : {}),
    dryRun: opts.dryRun ?? false,
    ...(opts.fieldManager !== undefined ? { fieldManager: opts.fieldManager } : {}),
    // The registry's warnings join the request's, which become Warning headers.
    warnings: er.ctx.warnings,
    signal: er.ctx.signal,
    ...(opts.validation ? { validation: opts.validation } : {}),
  };
}

/** The response format for a resource endpoint (transforms allowed); 406 when nothing fits. */
export function negotiateResponse(er: EndpointRequest, stream = false): MediaTypeOptions {
  return negotiateOutput(er.req.headers.accept, { allowTransforms: true, stream });
}

/** The Table options, when a Table was asked for. */
export function tableOptionsFor(er: EndpointRequest, media: MediaTypeOptions): TableOptions | undefined {
  return media.convert?.kind === "Table" ? parseTableOptions(er.query) : undefined;
}

/**
 * The object or list as sent: apiVersion and kind filled in (the store may
 * keep objects without them) and a list's items never null.
 */
export function withResponseTypeMeta(er: EndpointRequest, result: unknown): unknown {
  const { type } = er.endpoint;
  const apiVersion = groupVersionOf(type);
  if (isStatus(result)) return result;
  if (isList(result)) {
    return {
      ...result,
      apiVersion: result.apiVersion || apiVersion,
      kind: result.kind || `${type.kind}List`,
      items: result.items ?? [],
    };
  }
  return withTypeMeta(result as KubeObject, apiVersion, type.kind);
}

/**
 * Writes a handler's result: with type meta, transformed as the client asked
 * (Table, PartialObjectMetadata), in the negotiated format.
 */
export function respond(er: EndpointRequest, statusCode: number, result: unknown, media: MediaTypeOptions): void {
  const { type, tableColumns } = er.endpoint;
  const table = tableOptionsFor(er, media);
  const body = transformObject(
    withResponseTypeMeta(er, result),
    media.convert,
    table && { columns: tableColumns, options: table, headers: true, apiVersion: groupVersionOf(type), kind: type.kind },
  );
  const text = serialize(body, media.format, isPrettyRequested(er.req, er.query, media));
  writeBody(er.res, statusCode, contentTypeOf(media.format), text, er.ctx.warnings);
}

/** The name in the body must be the one in the URL (update, patch). */
export function checkName(obj: KubeObject, name: string): void {
  const objName = obj.metadata?.name ?? "";
  if (objName !== name) {
    throw newBadRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
  }
}

/**
 * Makes the object's namespace the request's: an unset one is filled in, a
 * cluster-scoped object's is cleared, a different one is a 400 (upstream:
 * rest.EnsureObjectNamespaceMatchesRequestNamespace).
 */
export function ensureNamespace(obj: KubeObject, er: EndpointRequest): void {
  const requestNamespace = er.endpoint.definition.namespaced ? er.namespace : "";
  obj.metadata ??= {};
  const objNamespace = obj.metadata.namespace ?? "";
  if (objNamespace === requestNamespace) return;
  if (objNamespace === "") {
    obj.metadata.namespace = requestNamespace;
  } else if (requestNamespace === "") {
    delete obj.metadata.namespace;
  } else {
    throw newBadRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
}
