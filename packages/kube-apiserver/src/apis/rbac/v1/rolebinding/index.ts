export { RoleBindingSchema, type RoleBinding } from "./schema.js";
export { roleBindingDefinition } from "./definition.js";
