// POST to a collection: create an object (upstream: handlers/create.go).
//
// The body (JSON, YAML, or protobuf for kinds with a decoder) is decoded and
// checked against the endpoint's kind, given the request's namespace,
// admitted by the mutating admission plugins, and handed to the registry
// (which runs the validating ones last). 201 Created with the stored object;
// with `dryRun=All` everything runs but nothing is stored.

import type { KubeObject } from "@tskube/apimachinery";
import type { RESTStorage, RequestScope } from "../../registry/rest-storage.js";
import { negotiateInput } from "../negotiation.js";
import { admitCreate, writeOptionsObject, writeValidation } from "./admission.js";
import { readBody } from "./body.js";
import { decodeObjectBody } from "./decode.js";
import { parseWriteOptions } from "./options.js";
import { type EndpointRequest, ensureNamespace, negotiateResponse, respond, storageScope, tableOptionsFor } from "./scope.js";

export function createResource(er: EndpointRequest, storage: RESTStorage<KubeObject>): Promise<void> {
  return decodeAdmitAndCreate(er, (scope, obj) => storage.create(scope, obj));
}

/** Creates through a subresource of an existing object (POST pods/x/binding, serviceaccounts/x/token). */
export type SubresourceCreater = (scope: RequestScope, name: string, obj: KubeObject) => Promise<KubeObject>;

/**
 * POST to a subresource: the body is of the subresource's kind, admitted as
 * a CREATE of that subresource, and handed to its storage with the name from
 * the URL. 201 with what the storage returns (an object, or a Success Status).
 */
export function createSubresource(er: EndpointRequest, create: SubresourceCreater): Promise<void> {
  return decodeAdmitAndCreate(er, (scope, obj) => create(scope, er.name, obj));
}

/** What both POSTs do: decode, mutating admission, `write` (which runs the validating plugins), 201. */
async function decodeAdmitAndCreate(
  er: EndpointRequest,
  write: (scope: RequestScope, obj: KubeObject) => Promise<KubeObject>,
): Promise<void> {
  const media = negotiateResponse(er);
  tableOptionsFor(er, media);
  const opts = parseWriteOptions(er.query, "CreateOptions", er.req.headers["user-agent"]);
  const format = negotiateInput(er.req.headers["content-type"], er.endpoint.type.protobuf !== undefined);
  const body = await readBody(er.req, er.maxRequestBodyBytes);

  const obj = decodeObjectBody(body, format, er.endpoint.type, {
    fieldValidation: opts.fieldValidation,
    warnings: er.ctx.warnings,
  });
  ensureNamespace(obj, er);

  const options = writeOptionsObject("CreateOptions", opts);
  await admitCreate(er, obj, options, opts.dryRun);
  const validation = writeValidation(er, { create: options }, opts.dryRun);
  const result = await write(storageScope(er, { ...opts, validation }), obj);
  respond(er, 201, result, media);
}
