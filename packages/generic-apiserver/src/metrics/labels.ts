// The labels a request is counted under, from its RequestInfo, as upstream
// reports them (endpoints/metrics: CleanVerb, CleanScope, cleanDryRun).

import type { IncomingMessage } from "node:http";
import type { RequestInfo } from "../request/request-info.js";
import type { RequestLabels } from "./metrics.js";

/** Subresources that open a stream rather than read or write an object. */
const CONNECT_SUBRESOURCES = new Set(["attach", "exec", "portforward", "proxy"]);

const RESOURCE_VERBS: Readonly<Record<string, string>> = {
  get: "GET",
  list: "LIST",
  watch: "WATCH",
  create: "POST",
  update: "PUT",
  patch: "PATCH",
  delete: "DELETE",
  deletecollection: "DELETECOLLECTION",
  proxy: "CONNECT",
};

export function requestLabels(req: IncomingMessage, info: RequestInfo, query: URLSearchParams): RequestLabels {
  return {
    verb: reportedVerb(req, info),
    dry_run: query.getAll("dryRun").filter((v) => v !== "").sort().join(","),
    group: info.apiGroup,
    version: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    scope: scopeOf(info),
    component: "apiserver",
  };
}

function reportedVerb(req: IncomingMessage, info: RequestInfo): string {
  if (!info.isResourceRequest) return (req.method ?? "").toUpperCase();
  if (CONNECT_SUBRESOURCES.has(info.subresource)) return "CONNECT";
  // Server-side apply is a PATCH, but worth telling apart.
  if (info.verb === "patch" && req.headers["content-type"]?.startsWith("application/apply-patch")) return "APPLY";
  return RESOURCE_VERBS[info.verb] ?? "other";
}

/** "resource" for one object, "namespace" for a namespace's collection, "cluster" for all of them. */
function scopeOf(info: RequestInfo): string {
  if (info.name !== "" || info.verb === "create") return "resource";
  if (info.namespace !== "") return "namespace";
  if (info.isResourceRequest) return "cluster";
  return "";
}
