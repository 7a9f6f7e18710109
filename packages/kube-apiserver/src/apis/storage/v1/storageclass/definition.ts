// The storageclasses resource of storage.k8s.io/v1 (cluster-scoped), as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type StorageClass, StorageClassSchema } from "./schema.js";
import { storageClassStrategy } from "./strategy.js";
import { storageClassColumns } from "./table.js";

export const storageClassDefinition: ResourceDefinition<StorageClass> = {
  group: "storage.k8s.io",
  version: "v1",
  kind: "StorageClass",
  resource: "storageclasses",
  singular: "storageclass",
  shortNames: ["sc"],
  namespaced: false,
  verbs: ALL_VERBS,
  schema: StorageClassSchema,
  strategy: storageClassStrategy,
  tableColumns: storageClassColumns,
  description: "A kind of storage that volumes can be provisioned from.",
};
