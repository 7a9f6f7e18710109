// The limitranges resource of core/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type LimitRange, LimitRangeSchema } from "./schema.js";
import { limitRangeStrategy } from "./strategy.js";
import { limitRangeColumns } from "./table.js";

export const limitRangeDefinition: ResourceDefinition<LimitRange> = {
  group: "",
  version: "v1",
  kind: "LimitRange",
  resource: "limitranges",
  singular: "limitrange",
  shortNames: ["limits"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: LimitRangeSchema,
  strategy: limitRangeStrategy,
  tableColumns: limitRangeColumns,
  // As upstream: NAME and CREATED AT only.
  ageColumn: false,
  description: "Bounds and defaults for the resources used in a namespace.",
};
