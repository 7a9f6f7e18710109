export * from "./schema.js";
export { fischerDefinition } from "./definition.js";
