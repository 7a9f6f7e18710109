// The cronjobs resource of batch/v1, as the generic registry serves it.
//
// Not here: the cronjob controller, so no Jobs are created on schedule.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type CronJob, CronJobSchema } from "./schema.js";
import { cronJobStrategy } from "./strategy.js";
import { cronJobColumns } from "./table.js";

export const cronJobDefinition: ResourceDefinition<CronJob> = {
  group: "batch",
  version: "v1",
  kind: "CronJob",
  resource: "cronjobs",
  singular: "cronjob",
  shortNames: ["cj"],
  categories: ["all"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: CronJobSchema,
  strategy: cronJobStrategy,
  tableColumns: cronJobColumns,
  subresources: { status: true },
  description: "A Job run on a cron schedule.",
};
