export { ClusterRoleSchema, type ClusterRole } from "./schema.js";
export { clusterRoleDefinition } from "./definition.js";
