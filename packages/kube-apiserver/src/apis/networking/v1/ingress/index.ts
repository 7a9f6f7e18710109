export {
  IngressSchema,
  IngressSpecSchema,
  IngressStatusSchema,
  IngressBackendSchema,
  IngressRuleSchema,
  HTTPIngressPathSchema,
  INGRESS_CLASS_ANNOTATION,
  PATH_TYPES,
  type Ingress,
  type IngressSpec,
  type IngressBackend,
  type IngressRule,
  type HTTPIngressPath,
} from "./schema.js";
export { validateIngress, validateIngressUpdate, validateIngressStatusUpdate, isWildcardDNS1123Subdomain } from "./validation.js";
export { ingressStrategy } from "./strategy.js";
export { ingressColumns, formatHosts, formatAddress } from "./table.js";
export { ingressDefinition } from "./definition.js";
