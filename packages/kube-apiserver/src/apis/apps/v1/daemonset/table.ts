// `kubectl get daemonsets`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE
// NODE SELECTOR AGE, and with -o wide CONTAINERS IMAGES SELECTOR (upstream:
// printDaemonSet in pkg/printers/internalversion/printers.go).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import { formatLabels } from "../../../core/v1/service/table.js";
import { containerColumns, selectorColumn } from "../workload/table.js";
import type { DaemonSet } from "./schema.js";

export const daemonSetColumns: TableColumn<DaemonSet>[] = [
  { name: "Desired", type: "integer", description: "Nodes that should run the pod.", cell: (ds) => ds.status?.desiredNumberScheduled ?? 0 },
  { name: "Current", type: "integer", description: "Nodes that should run the pod and do.", cell: (ds) => ds.status?.currentNumberScheduled ?? 0 },
  { name: "Ready", type: "integer", description: "Nodes that run a ready copy.", cell: (ds) => ds.status?.numberReady ?? 0 },
  { name: "Up-to-date", type: "integer", description: "Nodes that run the current template.", cell: (ds) => ds.status?.updatedNumberScheduled ?? 0 },
  { name: "Available", type: "integer", description: "Nodes that run an available copy.", cell: (ds) => ds.status?.numberAvailable ?? 0 },
  {
    name: "Node Selector",
    type: "string",
    description: "The labels a node needs to run the pod.",
    cell: (ds) => formatLabels(ds.spec?.template?.spec?.nodeSelector),
  },
  { name: "Age", type: "string", description: "How long ago the DaemonSet was created.", cell: (ds) => translateTimestampSince(ds.metadata.creationTimestamp) },
  ...containerColumns<DaemonSet>(),
  selectorColumn<DaemonSet>("The labels of the pods the DaemonSet owns."),
];
