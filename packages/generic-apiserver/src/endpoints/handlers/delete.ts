// DELETE of an object, or of a whole collection (upstream: handlers/delete.go).
//
// Options come from a DeleteOptions body, or from the query when there is no
// body: propagationPolicy, gracePeriodSeconds, dryRun (preconditions only in
// a body). The answer:
//
//   finalizers pending    200 with the object, now carrying deletionTimestamp
//   deleted               200 Status{status: Success, details{name, group, kind: <plural>, uid}},
//                         or the deleted object for kinds that return it (pods, serviceaccounts)
//   deletecollection      200 with the list of deleted objects

import { type DeleteOptions, DRY_RUN_ALL, type KubeObject } from "@tskube/apimachinery";
import type { RESTStorage } from "../../registry/rest-storage.js";
import { negotiateInput } from "../negotiation.js";
import { deleteValidation } from "./admission.js";
import { readBody } from "./body.js";
import { deleteOptionsFromBody, deleteOptionsFromQuery, parseListParams, validateDeleteOptions } from "./options.js";
import { type EndpointRequest, negotiateResponse, respond, storageScope, tableOptionsFor } from "./scope.js";

/** What a DELETE with a body (or, without one, its query) asks for. */
async function readDeleteOptions(er: EndpointRequest, fromQueryFirst: boolean): Promise<DeleteOptions> {
  const body = await readBody(er.req, er.maxRequestBodyBytes);
  const fromQuery = () => deleteOptionsFromQuery(er.query);
  let opts: DeleteOptions;
  if (body.length === 0) {
    opts = fromQuery();
  } else {
    const fromBody = deleteOptionsFromBody(body, negotiateInput(er.req.headers["content-type"], true));
    // deletecollection reads the query too, and the body overrides it.
    opts = fromQueryFirst ? { ...fromQuery(), ...fromBody } : fromBody;
  }
  validateDeleteOptions(opts);
  return opts;
}

function isDryRun(opts: DeleteOptions): boolean {
  return (opts.dryRun ?? []).includes(DRY_RUN_ALL);
}

/** The Status a delete answers with when the object is gone (upstream: registry Store.finalizeDelete). */
export function deleteSuccessStatus(er: EndpointRequest, deleted: KubeObject) {
  const { group, resource } = er.endpoint.definition;
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: {
      name: deleted.metadata?.name ?? er.name,
      ...(group !== "" ? { group } : {}),
      kind: resource,
      ...(deleted.metadata?.uid ? { uid: deleted.metadata.uid } : {}),
    },
  };
}

export async function deleteResource(er: EndpointRequest, storage: RESTStorage<KubeObject>): Promise<void> {
  const media = negotiateResponse(er);
  tableOptionsFor(er, media);
  const opts = await readDeleteOptions(er, false);

  const dryRun = isDryRun(opts);
  const validation = deleteValidation(er, er.name, opts, dryRun);
  const { object, deleted } = await storage.delete(storageScope(er, { dryRun, validation }), er.name, opts);
  // 202 only for the deprecated orphanDependents=false when deletion is not
  // immediate; everything else is 200, as upstream keeps it for old clients.
  const code = !deleted && opts.orphanDependents === false ? 202 : 200;
  const result = !deleted || er.endpoint.definition.deleteReturnsObject ? object : deleteSuccessStatus(er, object);
  respond(er, code, result, media);
}

export async function deleteCollection(er: EndpointRequest, storage: RESTStorage<KubeObject>): Promise<void> {
  const media = negotiateResponse(er);
  tableOptionsFor(er, media);
  const params = parseListParams(er.query, er.endpoint.definition, { watch: false, name: "" });
  const opts = await readDeleteOptions(er, true);

  const dryRun = isDryRun(opts);
  // Each object is admitted as it is deleted, without a name (upstream does the same).
  const validation = deleteValidation(er, "", opts, dryRun);
  const list = await storage.deleteCollection(storageScope(er, { dryRun, validation }), opts, params);
  respond(er, 200, list, media);
}
