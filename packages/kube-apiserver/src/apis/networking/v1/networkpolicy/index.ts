export {
  NetworkPolicySchema,
  NetworkPolicySpecSchema,
  NetworkPolicyPortSchema,
  NetworkPolicyPeerSchema,
  IPBlockSchema,
  POLICY_TYPES,
  type NetworkPolicy,
  type NetworkPolicySpec,
  type NetworkPolicyPort,
  type NetworkPolicyPeer,
  type IPBlock,
} from "./schema.js";
export { applyNetworkPolicyDefaults } from "./defaults.js";
export { validateNetworkPolicy, parseCIDR } from "./validation.js";
export { networkPolicyStrategy } from "./strategy.js";
export { networkPolicyColumns } from "./table.js";
export { networkPolicyDefinition } from "./definition.js";
