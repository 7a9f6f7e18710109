import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { resolveRequestInfo } from "./request-info-resolver.js";
import type { RequestInfo } from "./request-info.js";

type Expected = Pick<RequestInfo, "verb" | "apiPrefix" | "apiGroup" | "apiVersion" | "namespace" | "resource" | "subresource" | "name"> & {
  parts: string[];
};

// [method, url, verb, prefix, group, version, namespace, resource, subresource, name, parts]
type Row = [string, string, string, string, string, string, string, string, string, string, string[]];

const resourceRequests: Row[] = [
  // core group, namespaced
  ["GET", "/api/v1/namespaces/other/pods", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods/foo", "get", "api", "", "v1", "other", "pods", "", "foo", ["pods", "foo"]],
  ["HEAD", "/api/v1/namespaces/other/pods/foo", "get", "api", "", "v1", "other", "pods", "", "foo", ["pods", "foo"]],
  ["POST", "/api/v1/namespaces/other/pods", "create", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["PUT", "/api/v1/namespaces/other/pods/foo", "update", "api", "", "v1", "other", "pods", "", "foo", ["pods", "foo"]],
  ["PATCH", "/api/v1/namespaces/other/pods/foo", "patch", "api", "", "v1", "other", "pods", "", "foo", ["pods", "foo"]],
  ["DELETE", "/api/v1/namespaces/other/pods/foo", "delete", "api", "", "v1", "other", "pods", "", "foo", ["pods", "foo"]],
  ["DELETE", "/api/v1/namespaces/other/pods", "deletecollection", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  // all namespaces and cluster-scoped
  ["GET", "/api/v1/pods", "list", "api", "", "v1", "", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/nodes/n1", "get", "api", "", "v1", "", "nodes", "", "n1", ["nodes", "n1"]],
  ["DELETE", "/api/v1/nodes", "deletecollection", "api", "", "v1", "", "nodes", "", "", ["nodes"]],
  // namespaces themselves
  ["GET", "/api/v1/namespaces", "list", "api", "", "v1", "", "namespaces", "", "", ["namespaces"]],
  ["GET", "/api/v1/namespaces/x", "get", "api", "", "v1", "x", "namespaces", "", "x", ["namespaces", "x"]],
  ["PUT", "/api/v1/namespaces/x/status", "update", "api", "", "v1", "x", "namespaces", "status", "x", ["namespaces", "x", "status"]],
  ["PUT", "/api/v1/namespaces/x/finalize", "update", "api", "", "v1", "x", "namespaces", "finalize", "x", ["namespaces", "x", "finalize"]],
  ["DELETE", "/api/v1/namespaces/x", "delete", "api", "", "v1", "x", "namespaces", "", "x", ["namespaces", "x"]],
  // subresources
  ["GET", "/api/v1/namespaces/other/pods/foo/status", "get", "api", "", "v1", "other", "pods", "status", "foo", ["pods", "foo", "status"]],
  ["PUT", "/apis/apps/v1/namespaces/ns/deployments/d/scale", "update", "apis", "apps", "v1", "ns", "deployments", "scale", "d", ["deployments", "d", "scale"]],
  ["GET", "/api/v1/namespaces/other/pods/foo/log", "get", "api", "", "v1", "other", "pods", "log", "foo", ["pods", "foo", "log"]],
  ["POST", "/api/v1/namespaces/other/pods/foo/exec", "create", "api", "", "v1", "other", "pods", "exec", "foo", ["pods", "foo", "exec"]],
  ["GET", "/api/v1/namespaces/other/pods/foo/proxy/some/path", "get", "api", "", "v1", "other", "pods", "proxy", "foo", ["pods", "foo", "proxy", "some", "path"]],
  ["PUT", "/api/v1/nodes/n1/status", "update", "api", "", "v1", "", "nodes", "status", "n1", ["nodes", "n1", "status"]],
  // named groups
  ["GET", "/apis/apps/v1/deployments", "list", "apis", "apps", "v1", "", "deployments", "", "", ["deployments"]],
  ["GET", "/apis/apps/v1/namespaces/ns/deployments/d", "get", "apis", "apps", "v1", "ns", "deployments", "", "d", ["deployments", "d"]],
  ["GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/admin", "get", "apis", "rbac.authorization.k8s.io", "v1", "", "clusterroles", "", "admin", ["clusterroles", "admin"]],
  ["DELETE", "/apis/apps/v1/namespaces/ns/deployments", "deletecollection", "apis", "apps", "v1", "ns", "deployments", "", "", ["deployments"]],
  // watch: ?watch and legacy /watch/ paths
  ["GET", "/api/v1/namespaces/other/pods?watch=true", "watch", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?watch=1", "watch", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?watch=", "watch", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?watch=false", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?watch=0", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?watch=FALSE", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods/foo?watch=true", "get", "api", "", "v1", "other", "pods", "", "foo", ["pods", "foo"]],
  ["GET", "/api/v1/watch/pods", "watch", "api", "", "v1", "", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/watch/namespaces/other/pods", "watch", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/watch/namespaces/other/pods/foo", "watch", "api", "", "v1", "other", "pods", "", "foo", ["pods", "foo"]],
  ["GET", "/apis/apps/v1/watch/namespaces/ns/deployments", "watch", "apis", "apps", "v1", "ns", "deployments", "", "", ["deployments"]],
  ["GET", "/api/v1/watch/namespaces", "watch", "api", "", "v1", "", "namespaces", "", "", ["namespaces"]],
  ["GET", "/api/v1/watch/namespaces/x", "watch", "api", "", "v1", "x", "namespaces", "", "x", ["namespaces", "x"]],
  // legacy proxy verb: no subresource, the rest is the proxied path
  ["GET", "/api/v1/proxy/namespaces/other/pods/foo/some/path", "proxy", "api", "", "v1", "other", "pods", "", "foo", ["pods", "foo", "some", "path"]],
  ["GET", "/api/v1/proxy/nodes/n1", "proxy", "api", "", "v1", "", "nodes", "", "n1", ["nodes", "n1"]],
  // fieldSelector=metadata.name=x narrows a list or watch to one name
  ["GET", "/api/v1/namespaces/other/pods?fieldSelector=metadata.name%3Dfoo", "list", "api", "", "v1", "other", "pods", "", "foo", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?watch=true&fieldSelector=metadata.name%3Dfoo", "watch", "api", "", "v1", "other", "pods", "", "foo", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?fieldSelector=metadata.name%3D%3Dfoo,status.phase%3DRunning", "list", "api", "", "v1", "other", "pods", "", "foo", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?fieldSelector=metadata.name!%3Dfoo", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?fieldSelector=metadata.namespace%3Dother", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?fieldSelector=metadata.name%3D..", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?fieldSelector=metadata.name%3Da%25b", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods?fieldSelector=malformed", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  // not for DELETE: a deletecollection with a field selector stays a deletecollection
  ["DELETE", "/api/v1/namespaces/other/pods?fieldSelector=metadata.name%3Dfoo", "deletecollection", "api", "", "v1", "other", "pods", "", "", ["pods"]],
  // unusual methods and trailing slashes
  ["OPTIONS", "/api/v1/pods", "", "api", "", "v1", "", "pods", "", "", ["pods"]],
  ["GET", "/api/v1/namespaces/other/pods/", "list", "api", "", "v1", "other", "pods", "", "", ["pods"]],
];

describe("resolveRequestInfo: resource requests", () => {
  for (const [method, url, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts] of resourceRequests) {
    it(`${method} ${url}`, () => {
      const info = resolveRequestInfo(method, url);
      const expected: Expected = { verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts };
      assert.equal(info.isResourceRequest, true);
      assert.deepEqual(
        {
          verb: info.verb,
          apiPrefix: info.apiPrefix,
          apiGroup: info.apiGroup,
          apiVersion: info.apiVersion,
          namespace: info.namespace,
          resource: info.resource,
          subresource: info.subresource,
          name: info.name,
          parts: info.parts,
        },
        expected,
      );
      assert.equal(info.path, url.split("?")[0]);
    });
  }
});

describe("resolveRequestInfo: non-resource requests", () => {
  const nonResource: [string, string, string][] = [
    ["GET", "/", "get"],
    ["GET", "/healthz", "get"],
    ["GET", "/readyz/poststarthook/x", "get"],
    ["GET", "/version", "get"],
    ["GET", "/api", "get"],
    ["GET", "/api/v1", "get"],
    ["GET", "/apis", "get"],
    ["GET", "/apis/apps", "get"],
    ["GET", "/apis/apps/v1", "get"],
    ["POST", "/apis/apps/v1", "post"],
    ["GET", "/openapi/v3/apis/apps/v1", "get"],
    ["PUT", "/metrics", "put"],
    ["DELETE", "/logs/x", "delete"],
  ];
  for (const [method, url, verb] of nonResource) {
    it(`${method} ${url}`, () => {
      const info = resolveRequestInfo(method, url);
      assert.equal(info.isResourceRequest, false);
      assert.equal(info.verb, verb);
      assert.equal(info.path, url);
      assert.equal(info.resource, "");
      assert.equal(info.apiGroup, "");
    });
  }

  it("keeps the query out of the path", () => {
    assert.equal(resolveRequestInfo("GET", "/healthz?verbose").path, "/healthz");
  });

  it("treats a path starting with // as a path, not a host", () => {
    const info = resolveRequestInfo("GET", "//api/v1/pods");
    assert.equal(info.path, "//api/v1/pods");
    // Leading slashes are trimmed as upstream does.
    assert.equal(info.resource, "pods");
  });

  it("decodes percent-escapes in the path", () => {
    assert.equal(resolveRequestInfo("GET", "/api/v1/namespaces/a%2Db/pods").namespace, "a-b");
  });
});
