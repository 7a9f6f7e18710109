// The system priority classes every cluster has (upstream: the post-start
// hook scheduling/bootstrap-system-priority-classes): system-node-critical
// and system-cluster-critical. Created at start when missing; existing ones
// are left as they are.

import { type KubeObject, isAlreadyExists, isNotFound } from "@tskube/apimachinery";
import type { RESTStorage } from "@tskube/generic-apiserver";
import { SYSTEM_PRIORITY_CLASSES } from "../apis/scheduling/v1/priorityclass/system.js";

/** Creates each missing system priority class; returns the names it created. */
export async function ensureSystemPriorityClasses(priorityClasses: RESTStorage<KubeObject>, signal?: AbortSignal): Promise<string[]> {
  const scope = { namespace: "", dryRun: false, warnings: [], ...(signal ? { signal } : {}) };
  const created: string[] = [];
  for (const spc of SYSTEM_PRIORITY_CLASSES) {
    try {
      await priorityClasses.get(scope, spc.name);
      continue;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      // Objects are decoded and defaulted by the REST handlers; here the default is written out.
      await priorityClasses.create(scope, {
        apiVersion: "scheduling.k8s.io/v1",
        kind: "PriorityClass",
        metadata: { name: spc.name },
        value: spc.value,
        description: spc.description,
        preemptionPolicy: "PreemptLowerPriority",
      });
      created.push(spc.name);
    } catch (err) {
      // Another API server sharing the same etcd got there first.
      if (!isAlreadyExists(err)) throw err;
    }
  }
  return created;
}
