// How NetworkPolicies are written (upstream: pkg/registry/networking/networkpolicy/strategy.go):
// names are DNS subdomains, metadata.generation goes up when the spec
// changes, and updates are validated like creates.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { applyNetworkPolicyDefaults } from "./defaults.js";
import type { NetworkPolicy } from "./schema.js";
import { validateNetworkPolicy } from "./validation.js";

export const networkPolicyStrategy: Strategy<NetworkPolicy> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyNetworkPolicyDefaults,
  prepareForCreate: applyNetworkPolicyDefaults,
  prepareForUpdate: applyNetworkPolicyDefaults,
  validate: validateNetworkPolicy,
  validateUpdate: (np) => validateNetworkPolicy(np),
};
