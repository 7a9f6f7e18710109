// The installer handles every resource's objects as plain KubeObjects. A
// kind with required fields (an RBAC role's rules, a review's spec) will not
// widen to KubeObject on its own, so its REST storage is handed over here.

import type { KubeObject } from "@tskube/apimachinery";
import type { RESTStorage, ResourceStorage } from "@tskube/generic-apiserver";

export function installable<T extends KubeObject>(main: RESTStorage<T>): ResourceStorage<KubeObject> {
  return { main: main as unknown as RESTStorage<KubeObject> };
}
