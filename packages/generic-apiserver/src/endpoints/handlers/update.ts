// PUT of an object or of a subresource: replace it (upstream:
// handlers/update.go). The body is decoded as for a create; its name must be
// the one in the URL. Admission runs inside the registry's retry loop, against
// the object as stored on each try. A stale metadata.resourceVersion is a 409 Conflict from
// the registry. 200 with the stored object, or 201 if the PUT created it
// (resources that allow create-on-update).

import type { KubeObject } from "@tskube/apimachinery";
import type { RequestScope, UpdatedObjectInfo } from "../../registry/rest-storage.js";
import { negotiateInput } from "../negotiation.js";
import { admitUpdate, writeOptionsObject, writeValidation } from "./admission.js";
import { readBody } from "./body.js";
import { decodeObjectBody } from "./decode.js";
import { parseWriteOptions } from "./options.js";
import {
  type EndpointRequest,
  checkName,
  ensureNamespace,
  negotiateResponse,
  respond,
  storageScope,
  tableOptionsFor,
} from "./scope.js";

/** Writes one object through the registry (a resource's update, or a subresource's). */
export type Updater = (
  scope: RequestScope,
  name: string,
  objInfo: UpdatedObjectInfo<KubeObject>,
) => Promise<{ object: KubeObject; created: boolean }>;

export async function updateResource(er: EndpointRequest, update: Updater): Promise<void> {
  const media = negotiateResponse(er);
  tableOptionsFor(er, media);
  const opts = parseWriteOptions(er.query, "UpdateOptions", er.req.headers["user-agent"]);
  const format = negotiateInput(er.req.headers["content-type"], er.endpoint.type.protobuf !== undefined);
  const body = await readBody(er.req, er.maxRequestBodyBytes);

  const obj = decodeObjectBody(body, format, er.endpoint.type, {
    fieldValidation: opts.fieldValidation,
    warnings: er.ctx.warnings,
  });
  checkName(obj, er.name);
  ensureNamespace(obj, er);

  // A PUT replaces the object whatever the current one is; the registry
  // checks the body's resourceVersion against it, and its uid, if any, as a precondition.
  const uid = obj.metadata?.uid;
  const options = { update: writeOptionsObject("UpdateOptions", opts), create: writeOptionsObject("CreateOptions", opts) };
  const validation = writeValidation(er, options, opts.dryRun);
  const { object, created } = await update(storageScope(er, { ...opts, validation }), er.name, {
    updatedObject: async (current) => {
      if (er.admission === undefined) return obj;
      // A fresh copy per try: mutating plugins change it, and a retry starts over.
      const next = structuredClone(obj);
      await admitUpdate(er, next, current, options, opts.dryRun);
      return next;
    },
    preconditions: () => (uid ? { uid } : undefined),
  });
  respond(er, created ? 201 : 200, object, media);
}
