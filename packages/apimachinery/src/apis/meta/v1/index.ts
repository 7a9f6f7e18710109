// meta.k8s.io/v1: the types every API object and request shares.
export { optionalField, knownStrings, stringOrEmpty } from "./schema-helpers.js";
export { base64Bytes, illegalBase64Message } from "./bytes.js";
export * from "./time.js";
export { ConditionSchema, type Condition } from "./condition.js";
export { IntOrStringSchema, type IntOrString } from "./int-or-string.js";
export * from "./types.js";
export * from "./status.js";
export * from "./options.js";
export * from "./label-selector.js";
export * from "./watch.js";
