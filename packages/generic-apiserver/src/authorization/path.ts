// Non-resource paths anyone may request (upstream: authorization/path, the
// --authorization-always-allow-paths option). A path ending in `*` matches
// every path with that prefix: `/readyz/*` covers `/readyz/etcd`.
//
// The server uses it so probes and version checks work before (and
// regardless of) any RBAC policy, as upstream's system:public-info-viewer
// role grants them to everyone.

import type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from "./authorizer.js";

export class AlwaysAllowPathsAuthorizer implements Authorizer {
  private readonly exact = new Set<string>();
  private readonly prefixes: string[] = [];

  constructor(paths: readonly string[]) {
    for (const path of paths) {
      if (path.endsWith("*")) this.prefixes.push(path.slice(0, -1));
      else this.exact.add(path);
    }
  }

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationDecision> {
    if (attrs.isResourceRequest) return { decision: "no-opinion" };
    const allowed = this.exact.has(attrs.path) || this.prefixes.some((prefix) => attrs.path.startsWith(prefix));
    return allowed ? { decision: "allow" } : { decision: "no-opinion" };
  }
}
