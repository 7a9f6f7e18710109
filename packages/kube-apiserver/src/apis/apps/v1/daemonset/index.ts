export { DaemonSetSchema, DaemonSetSpecSchema, DaemonSetStatusSchema, TEMPLATE_GENERATION_ANNOTATION, type DaemonSet, type DaemonSetSpec } from "./schema.js";
export { applyDaemonSetDefaults } from "./defaults.js";
export { validateDaemonSet, validateDaemonSetUpdate, validateDaemonSetStatusUpdate } from "./validation.js";
export { daemonSetStrategy } from "./strategy.js";
export { daemonSetColumns } from "./table.js";
export { daemonSetDefinition } from "./definition.js";
