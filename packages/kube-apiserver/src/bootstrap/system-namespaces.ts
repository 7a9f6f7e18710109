// The namespaces every cluster has (upstream: the system-namespaces and
// bootstrap controllers of kube-apiserver): default, kube-system,
// kube-public and kube-node-lease. Created at start when missing; existing
// ones are left as they are.

import { type KubeObject, isAlreadyExists, isNotFound } from "@tskube/apimachinery";
import type { RESTStorage } from "@tskube/generic-apiserver";

export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

/** Creates each missing system namespace; returns the names it created. */
export async function ensureSystemNamespaces(namespaces: RESTStorage<KubeObject>, signal?: AbortSignal): Promise<string[]> {
  const scope = { namespace: "", dryRun: false, warnings: [], ...(signal ? { signal } : {}) };
  const created: string[] = [];
  for (const name of SYSTEM_NAMESPACES) {
    try {
      await namespaces.get(scope, name);
      continue;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      await namespaces.create(scope, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
      created.push(name);
    } catch (err) {
      // Another API server sharing the same etcd got there first.
      if (!isAlreadyExists(err)) throw err;
    }
  }
  return created;
}
