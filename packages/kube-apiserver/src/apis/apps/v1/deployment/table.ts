// `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE, and with
// -o wide CONTAINERS IMAGES SELECTOR (upstream: printDeployment in
// pkg/printers/internalversion/printers.go).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import { containerColumns, selectorColumn } from "../workload/table.js";
import type { Deployment } from "./schema.js";

export const deploymentColumns: TableColumn<Deployment>[] = [
  {
    name: "Ready",
    type: "string",
    description: "Ready pods out of the desired number.",
    cell: (d) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
  },
  { name: "Up-to-date", type: "string", description: "Pods created from the current template.", cell: (d) => d.status?.updatedReplicas ?? 0 },
  { name: "Available", type: "string", description: "Pods ready for at least minReadySeconds.", cell: (d) => d.status?.availableReplicas ?? 0 },
  { name: "Age", type: "string", description: "How long ago the Deployment was created.", cell: (d) => translateTimestampSince(d.metadata.creationTimestamp) },
  ...containerColumns<Deployment>(),
  selectorColumn<Deployment>("The labels of the pods the Deployment manages."),
];
