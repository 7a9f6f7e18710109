// GET of a collection: /api/v1/namespaces/ns/pods, /api/v1/pods (all
// namespaces), /apis/rbac.authorization.k8s.io/v1/clusterroles (upstream:
// handlers/get.go ListResource). With `?watch=true`, or under the legacy
// /watch/ prefix, the same request becomes a watch (watch.ts).
//
// Paging: `limit` and the `continue` token of the previous page. Selectors:
// `labelSelector`, and `fieldSelector` over the fields the resource supports.

import type { KubeObject } from "@tskube/apimachinery";
import type { RESTStorage } from "../../registry/rest-storage.js";
import { parseListParams } from "./options.js";
import { type EndpointRequest, negotiateResponse, respond, storageScope, tableOptionsFor } from "./scope.js";
import { serveWatch } from "./watch.js";

export async function listResource(er: EndpointRequest, storage: RESTStorage<KubeObject>, watch: boolean): Promise<void> {
  const media = negotiateResponse(er, watch);
  const table = tableOptionsFor(er, media);
  const params = parseListParams(er.query, er.endpoint.definition, { watch, name: er.name });
  if (watch) {
    await serveWatch(er, (scope) => storage.watch(scope, params), { media, table, timeoutSeconds: params.timeoutSeconds });
    return;
  }
  const list = await storage.list(storageScope(er), params);
  respond(er, 200, list, media);
}
