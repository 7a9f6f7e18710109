// The jobs resource of batch/v1, as the generic registry serves it.
//
// Not here: the job controller (nothing creates the pods, so status stays as
// clients write it) and the garbage collector (deleting a Job leaves its pods).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Job, JobSchema } from "./schema.js";
import { jobStrategy } from "./strategy.js";
import { jobColumns } from "./table.js";

export const jobDefinition: ResourceDefinition<Job> = {
  group: "batch",
  version: "v1",
  kind: "Job",
  resource: "jobs",
  singular: "job",
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: JobSchema,
  strategy: jobStrategy,
  tableColumns: jobColumns,
  subresources: { status: true },
  // upstream: JobToSelectableFields
  selectableFields: { "status.successful": (j) => String(j.status?.succeeded ?? 0) },
  description: "Pods that run until enough of them succeed.",
};
