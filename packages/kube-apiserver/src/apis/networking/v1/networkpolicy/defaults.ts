// What the server fills in for a NetworkPolicy (upstream:
// SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort):
//
// - policyTypes, when empty: Ingress, plus Egress when there are egress rules;
// - each port's protocol: TCP;
// - spec and spec.podSelector, which upstream always serializes ({}).

import type { NetworkPolicy } from "./schema.js";

export function applyNetworkPolicyDefaults(np: NetworkPolicy): void {
  const spec = (np.spec ??= {});
  spec.podSelector ??= {};
  if ((spec.policyTypes ?? []).length === 0) {
    spec.policyTypes = (spec.egress ?? []).length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  }
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
    for (const port of rule.ports ?? []) port.protocol ??= "TCP";
  }
}
