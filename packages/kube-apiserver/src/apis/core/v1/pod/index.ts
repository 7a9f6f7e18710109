export { PodSchema, POD_PHASES, RESTART_POLICIES, DNS_POLICIES, type Pod } from "./schema.js";
export { applyPodDefaults } from "./defaults.js";
export { podQOSClass } from "./qos.js";
export { validatePod, validatePodUpdate, validatePodStatusUpdate, UPDATABLE_POD_SPEC_FIELDS } from "./validation.js";
export { podStrategy } from "./strategy.js";
export { summarizePod, podColumns } from "./table.js";
export { podDefinition } from "./definition.js";
