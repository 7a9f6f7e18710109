// metadata.generation counts changes to an object's desired state, for
// controllers to compare with status.observedGeneration. Upstream sets it
// only for kinds whose strategy asks for it; ConfigMaps, Secrets and
// Namespaces carry none. The generic registry gives every object one, so the
// strategies of these kinds remove it in `canonicalize`, the last step
// before an object is stored.

import type { KubeObject } from "@tskube/apimachinery";

export function dropGeneration(obj: KubeObject): void {
  delete obj.metadata.generation;
}
