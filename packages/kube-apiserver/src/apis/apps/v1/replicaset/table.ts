// `kubectl get replicasets`: NAME DESIRED CURRENT READY AGE, and with -o wide
// CONTAINERS IMAGES SELECTOR (upstream: printReplicaSet in
// pkg/printers/internalversion/printers.go).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import { containerColumns, selectorColumn } from "../workload/table.js";
import type { ReplicaSet } from "./schema.js";

export const replicaSetColumns: TableColumn<ReplicaSet>[] = [
  { name: "Desired", type: "integer", description: "How many pods are wanted.", cell: (rs) => rs.spec?.replicas ?? 0 },
  { name: "Current", type: "integer", description: "How many pods there are.", cell: (rs) => rs.status?.replicas ?? 0 },
  { name: "Ready", type: "integer", description: "How many of them are ready.", cell: (rs) => rs.status?.readyReplicas ?? 0 },
  { name: "Age", type: "string", description: "How long ago the ReplicaSet was created.", cell: (rs) => translateTimestampSince(rs.metadata.creationTimestamp) },
  ...containerColumns<ReplicaSet>(),
  selectorColumn<ReplicaSet>("The labels of the pods the ReplicaSet owns."),
];
