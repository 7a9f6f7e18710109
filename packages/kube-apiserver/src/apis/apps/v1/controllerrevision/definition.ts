// The controllerrevisions resource of apps/v1, as the generic registry
// serves it: no subresources, no short name, not in the `all` category.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type ControllerRevision, ControllerRevisionSchema } from "./schema.js";
import { controllerRevisionStrategy } from "./strategy.js";
import { controllerRevisionColumns } from "./table.js";

export const controllerRevisionDefinition: ResourceDefinition<ControllerRevision> = {
  group: "apps",
  version: "v1",
  kind: "ControllerRevision",
  resource: "controllerrevisions",
  singular: "controllerrevision",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ControllerRevisionSchema,
  strategy: controllerRevisionStrategy,
  tableColumns: controllerRevisionColumns,
  description: "An immutable snapshot of state recorded by a controller, for updates and rollbacks.",
};
