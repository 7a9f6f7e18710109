// The resourcequotas resource of core/v1, as the generic registry serves it.
//
// Not here: the quota controller (which computes status.used) and the
// admission plugin that enforces the caps.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type ResourceQuota, ResourceQuotaSchema } from "./schema.js";
import { resourceQuotaStrategy } from "./strategy.js";
import { resourceQuotaColumns } from "./table.js";

export const resourceQuotaDefinition: ResourceDefinition<ResourceQuota> = {
  group: "",
  version: "v1",
  kind: "ResourceQuota",
  resource: "resourcequotas",
  singular: "resourcequota",
  shortNames: ["quota"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ResourceQuotaSchema,
  strategy: resourceQuotaStrategy,
  tableColumns: resourceQuotaColumns,
  subresources: { status: true },
  description: "Caps on the total resources and object counts of a namespace.",
};
