export { RoleSchema, type Role } from "./schema.js";
export { roleDefinition } from "./definition.js";
