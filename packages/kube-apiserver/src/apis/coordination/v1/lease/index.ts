export { LeaseSchema, LeaseSpecSchema, COORDINATED_LEASE_STRATEGIES, type Lease, type LeaseSpec } from "./schema.js";
export { validateLease } from "./validation.js";
export { leaseStrategy } from "./strategy.js";
export { leaseColumns } from "./table.js";
export { leaseDefinition } from "./definition.js";
