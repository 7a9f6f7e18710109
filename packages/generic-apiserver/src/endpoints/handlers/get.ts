// GET of one object: /api/v1/namespaces/ns/pods/web, or a subresource such
// as .../deployments/web/scale (upstream: handlers/get.go GetResource).
//
// `resourceVersion` may ask for a cached copy ("0") or one at least as new as
// a given version; absent means the latest.

import type { KubeObject } from "@tskube/apimachinery";
import type { RequestScope } from "../../registry/rest-storage.js";
import { type EndpointRequest, negotiateResponse, respond, storageScope, tableOptionsFor } from "./scope.js";

/** Reads one object from the registry (a resource's get, or a subresource's). */
export type Getter = (scope: RequestScope, name: string, opts: { resourceVersion?: string }) => Promise<KubeObject>;

export async function getResource(er: EndpointRequest, getter: Getter): Promise<void> {
  const media = negotiateResponse(er);
  tableOptionsFor(er, media); // a bad includeObject is a 400 before any work is done
  const resourceVersion = er.query.get("resourceVersion") ?? "";
  const obj = await getter(storageScope(er), er.name, resourceVersion !== "" ? { resourceVersion } : {});
  respond(er, 200, obj, media);
}
