// `kubectl get replicationcontrollers`: NAME DESIRED CURRENT READY AGE, and
// with -o wide CONTAINERS IMAGES SELECTOR (upstream: printReplicationController).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import { containerCells } from "../pod-spec/table.js";
import { formatLabels } from "../service/table.js";
import type { ReplicationController } from "./schema.js";

const containersOf = (rc: ReplicationController) => containerCells(rc.spec?.template?.spec?.containers ?? []);

export const replicationControllerColumns: TableColumn<ReplicationController>[] = [
  { name: "Desired", type: "integer", description: "How many pods should run.", cell: (rc) => rc.spec?.replicas ?? 0 },
  { name: "Current", type: "integer", description: "How many pods the controller last counted.", cell: (rc) => rc.status?.replicas ?? 0 },
  { name: "Ready", type: "integer", description: "How many of them are ready.", cell: (rc) => rc.status?.readyReplicas ?? 0 },
  { name: "Age", type: "string", description: "How long ago the controller was created.", cell: (rc) => translateTimestampSince(rc.metadata.creationTimestamp) },
  { name: "Containers", type: "string", priority: 1, description: "The names of the template's containers.", cell: (rc) => containersOf(rc).names },
  { name: "Images", type: "string", priority: 1, description: "The images of the template's containers.", cell: (rc) => containersOf(rc).images },
  { name: "Selector", type: "string", priority: 1, description: "The labels of the pods the controller counts.", cell: (rc) => formatLabels(rc.spec?.selector) },
];
