export { StatefulSetSchema, StatefulSetSpecSchema, StatefulSetStatusSchema, POD_MANAGEMENT_POLICIES, type StatefulSet, type StatefulSetSpec } from "./schema.js";
export { applyStatefulSetDefaults } from "./defaults.js";
export { validateStatefulSet, validateStatefulSetUpdate, validateStatefulSetStatusUpdate, UPDATABLE_FIELDS, FORBIDDEN_UPDATE_MESSAGE } from "./validation.js";
export { statefulSetStrategy } from "./strategy.js";
export { statefulSetColumns } from "./table.js";
export { statefulSetDefinition } from "./definition.js";
