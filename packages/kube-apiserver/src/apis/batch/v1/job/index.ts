export {
  JobSchema,
  JobSpecSchema,
  JobStatusSchema,
  COMPLETION_MODES,
  POD_REPLACEMENT_POLICIES,
  POD_FAILURE_POLICY_ACTIONS,
  JOB_CONDITION_TYPES,
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  type Job,
  type JobSpec,
  type JobStatus,
  type JobCondition,
} from "./schema.js";
export { applyJobDefaults, applyJobSpecTypeDefaults } from "./defaults.js";
export { validateJobSpecFields } from "./spec-validation.js";
export { validateJob, validateJobUpdate } from "./validation.js";
export { validateJobStatusUpdate } from "./status-validation.js";
export { jobStrategy, generateSelector } from "./strategy.js";
export { jobColumns, jobStatus, jobCompletions, jobDuration } from "./table.js";
export { jobDefinition } from "./definition.js";
