// The customresourcedefinitions resource of apiextensions.k8s.io/v1, as the
// generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type CustomResourceDefinition, CustomResourceDefinitionSchema } from "./schema.js";
import { customResourceDefinitionStrategy } from "./strategy.js";
import { customResourceDefinitionColumns } from "./table.js";

export const APIEXTENSIONS_GROUP = "apiextensions.k8s.io";

export const customResourceDefinitionDefinition: ResourceDefinition<CustomResourceDefinition> = {
  group: APIEXTENSIONS_GROUP,
  version: "v1",
  kind: "CustomResourceDefinition",
  resource: "customresourcedefinitions",
  singular: "customresourcedefinition",
  shortNames: ["crd", "crds"],
  categories: ["api-extensions"],
  namespaced: false,
  verbs: ALL_VERBS,
  schema: CustomResourceDefinitionSchema,
  strategy: customResourceDefinitionStrategy,
  tableColumns: customResourceDefinitionColumns,
  ageColumn: false,
  subresources: { status: true },
  description: "A new resource kind, served by the API server from the moment it is established.",
};
