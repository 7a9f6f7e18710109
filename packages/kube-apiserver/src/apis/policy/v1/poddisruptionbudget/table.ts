// `kubectl get pdb`: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE
// (upstream: printPodDisruptionBudget in pkg/printers/internalversion/printers.go).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { PodDisruptionBudget } from "./schema.js";

const orNA = (value: number | string | undefined): string => (value === undefined ? "N/A" : String(value));

export const podDisruptionBudgetColumns: TableColumn<PodDisruptionBudget>[] = [
  { name: "Min Available", type: "string", description: "The minimum number of pods that must be available.", cell: (p) => orNA(p.spec?.minAvailable) },
  { name: "Max Unavailable", type: "string", description: "The maximum number of pods that may be unavailable.", cell: (p) => orNA(p.spec?.maxUnavailable) },
  { name: "Allowed Disruptions", type: "integer", description: "Calculated number of pods that may be disrupted at this time.", cell: (p) => p.status?.disruptionsAllowed ?? 0 },
  { name: "Age", type: "string", description: "How long ago the budget was created.", cell: (p) => translateTimestampSince(p.metadata.creationTimestamp) },
];
