export { ServiceAccountSchema, type ServiceAccount } from "./schema.js";
export { ObjectReferenceSchema, LocalObjectReferenceSchema, type ObjectReference, type LocalObjectReference } from "../object-reference.js";
export { serviceAccountStrategy, cleanSecretReferences } from "./strategy.js";
export { serviceAccountColumns } from "./table.js";
export { serviceAccountDefinition } from "./definition.js";
