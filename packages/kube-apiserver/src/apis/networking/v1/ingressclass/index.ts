export {
  IngressClassSchema,
  IngressClassSpecSchema,
  IngressClassParametersReferenceSchema,
  DEFAULT_INGRESS_CLASS_ANNOTATION,
  PARAMETERS_SCOPES,
  type IngressClass,
} from "./schema.js";
export { applyIngressClassDefaults } from "./defaults.js";
export { validateIngressClass, validateIngressClassUpdate, validateDomainPrefixedPath } from "./validation.js";
export { ingressClassStrategy } from "./strategy.js";
export { ingressClassColumns, formatParameters } from "./table.js";
export { ingressClassDefinition } from "./definition.js";
