// POST to a collection: create an object (upstream: handlers/create.go).
//
// The body (JSON, YAML, or protobuf for kinds with a decoder) is decoded and
// checked against the endpoint's kind, given the request's namespace, and
// handed to the registry. 201 Created with the stored object; with
// `dryRun=All` everything runs but nothing is stored.

import type { KubeObject } from "@tskube/apimachinery";
import type { RESTStorage } from "../../registry/rest-storage.js";
import { negotiateInput } from "../negotiation.js";
import { readBody } from "./body.js";
import { decodeObjectBody } from "./decode.js";
import { parseWriteOptions } from "./options.js";
import { type EndpointRequest, ensureNamespace, negotiateResponse, respond, storageScope, tableOptionsFor } from "./scope.js";

export async function createResource(er: EndpointRequest, storage: RESTStorage<KubeObject>): Promise<void> {
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

  const created = await storage.create(storageScope(er, opts), obj);
  respond(er, 201, created, media);
}
