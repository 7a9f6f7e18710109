// What the server fills in for an IngressClass (upstream: SetDefaults_IngressClass):
// parameters without a scope are cluster-scoped. spec is always serialized.

import type { IngressClass } from "./schema.js";

export function applyIngressClassDefaults(ic: IngressClass): void {
  ic.spec ??= {};
  if (ic.spec.parameters && ic.spec.parameters.scope === undefined) ic.spec.parameters.scope = "Cluster";
}
