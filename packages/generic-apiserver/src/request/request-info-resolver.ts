// Resolves a RequestInfo from a request's method and URL, with upstream's
// rules (endpoints/request/requestinfo.go). The shape of a resource path:
//
//   /api/{version}/...                     core group ("api" has no group segment)
//   /apis/{group}/{version}/...            every other group
//   .../namespaces/{namespace}/{resource}[/{name}[/{subresource}]]
//   .../{resource}[/{name}[/{subresource}]]        cluster-scoped, or all namespaces
//   .../watch/...  .../proxy/...           legacy "special verbs" as the first segment
//
// Everything else (/healthz, /version, /api, /apis/{group}, ...) is a
// non-resource request whose verb is the lowercase HTTP method.

import { parseFieldSelector } from "@tskube/apimachinery";
import type { RequestInfo } from "./request-info.js";

/** Path prefixes under which resources are served. */
const API_PREFIXES = new Set(["api", "apis"]);
/** Prefixes without a group segment: /api/v1/pods, not /api/{group}/v1/pods. */
const GROUPLESS_API_PREFIXES = new Set(["api"]);

/** Legacy verbs that come first in the path: /api/v1/watch/pods, /api/v1/proxy/nodes/n1. */
const SPECIAL_VERBS = new Set(["proxy", "watch"]);
/** Special verbs whose paths never carry a subresource (the rest of a proxy path is the proxied path). */
const SPECIAL_VERBS_WITHOUT_SUBRESOURCES = new Set(["proxy"]);

/**
 * Subresources of a namespace itself: /api/v1/namespaces/ns/status is the
 * status of namespace "ns", while /api/v1/namespaces/ns/pods lists pods in it.
 */
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

const METHOD_VERBS: Readonly<Record<string, string>> = {
  POST: "create",
  GET: "get",
  HEAD: "get",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
};

/**
 * What a request is about. `url` is the request target as received
 * (`/api/v1/pods?watch=1`); only its path and query are read.
 */
export function resolveRequestInfo(method: string, url: string): RequestInfo {
  const parsed = parseRequestTarget(url);
  const path = decodePath(parsed.pathname);
  // Start as a non-resource request until the path proves otherwise.
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: "",
    apiGroup: "",
    apiVersion: "",
    namespace: "",
    resource: "",
    subresource: "",
    name: "",
    parts: [],
  };

  let parts = splitPath(path);
  // The shortest resource path is /api/{version}/{resource}.
  if (parts.length < 3 || !API_PREFIXES.has(parts[0]!)) return info;
  const apiPrefix = parts[0]!;
  parts = parts.slice(1);

  let apiGroup = "";
  if (!GROUPLESS_API_PREFIXES.has(apiPrefix)) {
    // /apis/{group}/{version}/{resource} needs three more segments.
    if (parts.length < 3) return info;
    apiGroup = parts[0]!;
    parts = parts.slice(1);
  }

  info.isResourceRequest = true;
  info.apiPrefix = apiPrefix;
  info.apiGroup = apiGroup;
  info.apiVersion = parts[0]!;
  parts = parts.slice(1);

  if (SPECIAL_VERBS.has(parts[0]!)) {
    // "/api/v1/watch" alone names nothing to watch; upstream reports it as an
    // error and serves it as a non-descript resource request.
    if (parts.length < 2) return info;
    info.verb = parts[0]!;
    parts = parts.slice(1);
  } else {
    info.verb = METHOD_VERBS[method.toUpperCase()] ?? "";
  }

  if (parts[0] === "namespaces") {
    if (parts.length > 1) {
      info.namespace = parts[1]!;
      // namespaces/{ns}/{resource}: the resource is namespaced and the path
      // continues from it. namespaces/{ns}[/status|/finalize] is about the
      // namespace object itself, so the parts keep starting at "namespaces".
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
    }
  }
  info.parts = parts;

  // parts: {resource}/{name}/{subresource}/anything/else
  if (parts.length >= 3 && !SPECIAL_VERBS_WITHOUT_SUBRESOURCES.has(info.verb)) info.subresource = parts[2]!;
  if (parts.length >= 2) info.name = parts[1]!;
  if (parts.length >= 1) info.resource = parts[0]!;

  // A GET without a name is a list, or a watch when ?watch is set to anything but false/0.
  if (info.name === "" && info.verb === "get") {
    info.verb = isWatchRequested(parsed.searchParams) ? "watch" : "list";
    // A list or watch narrowed to one name by `fieldSelector=metadata.name=x`
    // is authorized as a request for that name, so RBAC resourceNames rules apply.
    const name = nameFromFieldSelector(parsed.searchParams);
    if (name !== undefined) info.name = name;
  }
  // A DELETE without a name deletes the whole collection.
  if (info.name === "" && info.verb === "delete") info.verb = "deletecollection";

  return info;
}

/** Any `watch` value but "false" or "0" (case-insensitive) means watch, as upstream's query decoding. */
function isWatchRequested(query: URLSearchParams): boolean {
  const value = query.get("watch");
  if (value === null) return false;
  const lower = value.toLowerCase();
  return lower !== "false" && lower !== "0";
}

function nameFromFieldSelector(query: URLSearchParams): string | undefined {
  const text = query.get("fieldSelector");
  if (text === null) return undefined;
  let name: string | undefined;
  try {
    name = parseFieldSelector(text).requiresExactMatch("metadata.name");
  } catch {
    // A malformed selector leaves the name unset; the list handler answers 400.
    return undefined;
  }
  return name !== undefined && isValidPathSegmentName(name) ? name : undefined;
}

/** A name that can stand as one path segment (upstream's path.IsValidPathSegmentName). */
function isValidPathSegmentName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !name.includes("/") && !name.includes("%");
}

/**
 * The request target as a URL. Most targets are origin-form (`/path?query`);
 * prefixing them keeps a path like `//x` a path rather than a host.
 */
function parseRequestTarget(target: string): URL {
  return target.startsWith("/") ? new URL(`http://request.invalid${target}`) : new URL(target, "http://request.invalid/");
}

/** The URL path with percent-escapes decoded, as Go's URL.Path; kept as is when malformed. */
function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? [] : trimmed.split("/");
}
