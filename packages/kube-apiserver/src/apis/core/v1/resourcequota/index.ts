export {
  ResourceQuotaSchema,
  ResourceQuotaSpecSchema,
  ResourceQuotaStatusSchema,
  QUOTA_SCOPES,
  type ResourceQuota,
  type ResourceQuotaSpec,
  type ResourceQuotaStatus,
} from "./schema.js";
export { validateResourceQuota, validateResourceQuotaSpec, validateResourceQuotaUpdate, validateResourceQuotaStatus, validateQuotaResourceName } from "./validation.js";
export { resourceQuotaStrategy } from "./strategy.js";
export { resourceQuotaColumns } from "./table.js";
export { resourceQuotaDefinition } from "./definition.js";
