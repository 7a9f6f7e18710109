export { ReplicaSetSchema, ReplicaSetSpecSchema, ReplicaSetStatusSchema, type ReplicaSet, type ReplicaSetSpec } from "./schema.js";
export { applyReplicaSetDefaults } from "./defaults.js";
export { validateReplicaSet, validateReplicaSetUpdate, validateReplicaSetStatusUpdate } from "./validation.js";
export { replicaSetStrategy } from "./strategy.js";
export { replicaSetColumns } from "./table.js";
export { replicaSetDefinition } from "./definition.js";
