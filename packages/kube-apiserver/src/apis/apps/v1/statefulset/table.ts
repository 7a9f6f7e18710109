// `kubectl get statefulsets`: NAME READY AGE, and with -o wide CONTAINERS
// IMAGES (upstream: printStatefulSet in pkg/printers/internalversion/printers.go).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import { containerColumns } from "../workload/table.js";
import type { StatefulSet } from "./schema.js";

export const statefulSetColumns: TableColumn<StatefulSet>[] = [
  {
    name: "Ready",
    type: "string",
    description: "Ready pods out of the desired number.",
    cell: (s) => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`,
  },
  { name: "Age", type: "string", description: "How long ago the StatefulSet was created.", cell: (s) => translateTimestampSince(s.metadata.creationTimestamp) },
  ...containerColumns<StatefulSet>(),
];
