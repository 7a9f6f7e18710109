export { CronJobSchema, CronJobSpecSchema, CronJobStatusSchema, JobTemplateSpecSchema, CONCURRENCY_POLICIES, type CronJob, type CronJobSpec } from "./schema.js";
export { applyCronJobDefaults } from "./defaults.js";
export { cronScheduleError } from "./schedule.js";
export { loadLocationError } from "./time-zone.js";
export { validateCronJob, validateCronJobUpdate } from "./validation.js";
export { cronJobStrategy } from "./strategy.js";
export { cronJobColumns } from "./table.js";
export { cronJobDefinition } from "./definition.js";
