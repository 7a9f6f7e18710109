export {
  ReplicationControllerSchema,
  ReplicationControllerSpecSchema,
  ReplicationControllerStatusSchema,
  type ReplicationController,
  type ReplicationControllerSpec,
  type ReplicationControllerStatus,
} from "./schema.js";
export { applyReplicationControllerDefaults } from "./defaults.js";
export { validateReplicationController, validateReplicationControllerStatus } from "./validation.js";
export { replicationControllerStrategy } from "./strategy.js";
export { replicationControllerColumns } from "./table.js";
export { replicationControllerDefinition } from "./definition.js";
