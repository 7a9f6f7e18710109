// The replicationcontrollers resource of core/v1, as the generic registry
// serves it, with its status and scale subresources.
//
// Not here: the controller itself (kube-controller-manager creates and
// deletes the pods and writes status).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { labelSelectorFromSet } from "@tskube/apimachinery";
import { type ReplicationController, ReplicationControllerSchema } from "./schema.js";
import { replicationControllerStrategy } from "./strategy.js";
import { replicationControllerColumns } from "./table.js";

export const replicationControllerDefinition: ResourceDefinition<ReplicationController> = {
  group: "",
  version: "v1",
  kind: "ReplicationController",
  resource: "replicationcontrollers",
  singular: "replicationcontroller",
  shortNames: ["rc"],
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ReplicationControllerSchema,
  strategy: replicationControllerStrategy,
  tableColumns: replicationControllerColumns,
  subresources: {
    status: true,
    scale: {
      specReplicas: (rc) => rc.spec?.replicas ?? 0,
      statusReplicas: (rc) => rc.status?.replicas ?? 0,
      selector: (rc) => labelSelectorFromSet(rc.spec?.selector).toString(),
      withSpecReplicas: (rc, replicas) => ({ ...rc, spec: { ...rc.spec, replicas } }),
    },
  },
  // upstream: ControllerToSelectableFields
  selectableFields: {
    "status.replicas": (rc) => String(rc.status?.replicas ?? 0),
  },
  description: "Keeps a number of pods from a template running.",
};
