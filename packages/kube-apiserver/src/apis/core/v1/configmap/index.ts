export { ConfigMapSchema, type ConfigMap } from "./schema.js";
export { configMapStrategy, validateConfigMap } from "./strategy.js";
export { configMapDefinition } from "./definition.js";
