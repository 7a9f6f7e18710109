export { ControllerRevisionSchema, RawExtensionSchema, type ControllerRevision } from "./schema.js";
export { validateControllerRevision, validateControllerRevisionUpdate } from "./validation.js";
export { controllerRevisionStrategy } from "./strategy.js";
export { controllerRevisionColumns, controllerCell } from "./table.js";
export { controllerRevisionDefinition } from "./definition.js";
