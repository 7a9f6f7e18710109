// The leases resource of coordination.k8s.io/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Lease, LeaseSchema } from "./schema.js";
import { leaseStrategy } from "./strategy.js";
import { leaseColumns } from "./table.js";

export const leaseDefinition: ResourceDefinition<Lease> = {
  group: "coordination.k8s.io",
  version: "v1",
  kind: "Lease",
  resource: "leases",
  singular: "lease",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: LeaseSchema,
  strategy: leaseStrategy,
  tableColumns: leaseColumns,
  description: "A lock held by one party at a time, for leader election and heartbeats.",
};
