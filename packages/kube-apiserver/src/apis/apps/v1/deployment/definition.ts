// The deployments resource of apps/v1, as the generic registry serves it,
// with its status and scale subresources.
//
// Not here: the deployment controller (nothing creates the ReplicaSets or
// fills in the status), and the deprecated rollback annotation
// (`deprecated.deployment.rollback.to`), which is kept as a plain annotation.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { replicasScale } from "../workload/scale.js";
import { type Deployment, DeploymentSchema } from "./schema.js";
import { deploymentStrategy } from "./strategy.js";
import { deploymentColumns } from "./table.js";

export const deploymentDefinition: ResourceDefinition<Deployment> = {
  group: "apps",
  version: "v1",
  kind: "Deployment",
  resource: "deployments",
  singular: "deployment",
  shortNames: ["deploy"],
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: DeploymentSchema,
  strategy: deploymentStrategy,
  tableColumns: deploymentColumns,
  subresources: { status: true, scale: replicasScale<Deployment>() },
  description: "A set of identical pods, updated declaratively by rolling one ReplicaSet into another.",
};
