// The configmaps resource of core/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type ConfigMap, ConfigMapSchema } from "./schema.js";
import { configMapStrategy } from "./strategy.js";
import { configMapColumns } from "./table.js";

export const configMapDefinition: ResourceDefinition<ConfigMap> = {
  group: "",
  version: "v1",
  kind: "ConfigMap",
  resource: "configmaps",
  singular: "configmap",
  shortNames: ["cm"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ConfigMapSchema,
  strategy: configMapStrategy,
  tableColumns: configMapColumns,
  description: "Non-secret configuration as key/value pairs.",
};
