// `kubectl get jobs`: NAME STATUS COMPLETIONS DURATION AGE, and with -o wide
// CONTAINERS IMAGES SELECTOR (upstream: printJob in
// pkg/printers/internalversion/printers.go).

import { formatLabelSelector } from "@tskube/apimachinery";
import { type TableColumn, humanDuration, translateTimestampSince } from "@tskube/generic-apiserver";
import { containerCells } from "../../../core/v1/pod-spec/table.js";
import type { Job, JobCondition } from "./schema.js";

/** Only the first condition of a type counts, as upstream's hasJobCondition. */
function hasCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  const found = (conditions ?? []).find((c) => c.type === type);
  return found?.status === "True";
}

export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasCondition(conditions, "Complete")) return "Complete";
  if (hasCondition(conditions, "Failed")) return "Failed";
  if (job.metadata.deletionTimestamp) return "Terminating";
  if (hasCondition(conditions, "Suspended")) return "Suspended";
  if (hasCondition(conditions, "FailureTarget")) return "FailureTarget";
  if (hasCondition(conditions, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}

export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** How long the Job ran (or has been running); empty before it starts. */
export function jobDuration(job: Job, now = Date.now()): string {
  const start = job.status?.startTime;
  if (!start) return "";
  const end = job.status?.completionTime;
  return humanDuration((end ? Date.parse(end) : now) - Date.parse(start));
}

const containersOf = (j: Job) => j.spec?.template.spec?.containers ?? [];

export const jobColumns: TableColumn<Job>[] = [
  { name: "Status", type: "string", description: "Status of the job.", cell: jobStatus },
  { name: "Completions", type: "string", description: "Pods that succeeded, out of those needed.", cell: jobCompletions },
  { name: "Duration", type: "string", description: "Time required to complete the job.", cell: (j) => jobDuration(j) },
  { name: "Age", type: "string", description: "How long ago the job was created.", cell: (j) => translateTimestampSince(j.metadata.creationTimestamp) },
  { name: "Containers", type: "string", priority: 1, description: "Names of each container in the template.", cell: (j) => containerCells(containersOf(j)).names },
  { name: "Images", type: "string", priority: 1, description: "Images referenced by each container in the template.", cell: (j) => containerCells(containersOf(j)).images },
  // upstream FormatLabelSelector: <none> for a selector that says nothing.
  { name: "Selector", type: "string", priority: 1, description: "The label query over the job's pods.", cell: (j) => formatLabelSelector(j.spec?.selector) },
];
