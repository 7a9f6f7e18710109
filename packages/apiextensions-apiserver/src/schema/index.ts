// The schema engine's public API; see README.md.
export type { JSONSchemaProps, JSONValue, ValidationRule, ValidationRuleReason, ExternalDocumentation } from "./types.js";
export { type Structural, type ValueValidation, type NestedValueValidation, toStructural } from "./structural.js";
export { validateStructural } from "./structural-validation.js";
export { type CRDSchemaValidationOptions, validateCustomResourceSchema } from "./crd-schema-validation.js";
export { type PruneOptions, prune } from "./pruning.js";
export { applyDefaults, pruneNonNullableNulls } from "./defaulting.js";
export { type CoerceOptions, type CoerceResult, coerceObjectMeta, validateEmbeddedResources } from "./object-meta.js";
export { type ValueValidationOptions, validateValue } from "./value-validation.js";
export { validateListSetsAndMaps } from "./list-type-validation.js";
export { validateDefaults } from "./defaults-validation.js";
export { validateCELRules, type CELValidationOptions, type CELValidationResult } from "../cel/validator.js";
export { PER_CALL_LIMIT, RUNTIME_CEL_COST_BUDGET, STATIC_ESTIMATED_COST_LIMIT, STATIC_ESTIMATED_CRD_COST_LIMIT } from "../cel/limits.js";
export { type OpenAPIVersion, type OpenAPISchema, type CustomResourceKind, type KindSchemas, buildKindSchemas, definitionName, toOpenAPI } from "./openapi.js";
export {
  type NormalizeOptions, type NormalizeResult, type CustomResourceValidationResult, normalizeCustomResource, validateCustomResource,
} from "./custom-resource.js";
