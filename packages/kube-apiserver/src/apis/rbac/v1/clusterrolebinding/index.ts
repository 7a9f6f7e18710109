export { ClusterRoleBindingSchema, type ClusterRoleBinding } from "./schema.js";
export { clusterRoleBindingDefinition } from "./definition.js";
