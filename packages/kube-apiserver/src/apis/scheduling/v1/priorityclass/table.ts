// `kubectl get priorityclasses`: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY
// (upstream: printPriorityClass in pkg/printers/internalversion/printers.go;
// AGE comes before PREEMPTIONPOLICY there too).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { PriorityClass } from "./schema.js";

export const priorityClassColumns: TableColumn<PriorityClass>[] = [
  { name: "Value", type: "integer", description: "The priority of pods of this class.", cell: (pc) => pc.value ?? 0 },
  { name: "Global-Default", type: "boolean", description: "Whether pods without a class get this one.", cell: (pc) => pc.globalDefault ?? false },
  { name: "Age", type: "string", description: "How long ago the class was created.", cell: (pc) => translateTimestampSince(pc.metadata.creationTimestamp) },
  { name: "PreemptionPolicy", type: "string", description: "Whether pods of this class preempt lower-priority pods.", cell: (pc) => pc.preemptionPolicy ?? "" },
];
