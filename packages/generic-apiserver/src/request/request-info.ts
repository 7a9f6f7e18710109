// RequestInfo: what a request is about, resolved from its method and path
// before anything else runs (upstream: endpoints/request/requestinfo.go).
// Authorization, limits, metrics and the REST handlers all read it.
//
//   GET  /api/v1/namespaces/ns/pods/web          -> get pods "web" in ns
//   GET  /apis/apps/v1/deployments?watch=true     -> watch deployments (all namespaces)
//   GET  /api/v1/watch/namespaces/ns/pods         -> watch pods in ns (legacy /watch/ path)
//   DELETE /api/v1/namespaces/ns/pods             -> deletecollection
//   PUT  /apis/apps/v1/namespaces/ns/deployments/d/scale -> update deployments/scale
//   GET  /healthz                                 -> non-resource request, verb "get"

export interface RequestInfo {
  /** True for paths under /api and /apis that name a resource. */
  isResourceRequest: boolean;
  /** The URL path, without the query. */
  path: string;
  /**
   * Resource requests: get, list, watch, create, update, patch, delete, deletecollection.
   * Non-resource requests: the lowercase HTTP method (get, post, put, ...).
   */
  verb: string;
  /** "api" or "apis" (empty for non-resource requests). */
  apiPrefix: string;
  /** "" for the core group. */
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** The path segments after the group/version (and namespace), for handlers that need them. */
  parts: string[];
}
