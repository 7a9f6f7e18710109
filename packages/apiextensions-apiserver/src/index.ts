// @tskube/apiextensions-apiserver: CustomResourceDefinitions and custom resources.
// So far: the schema engine (structural schemas, pruning, defaulting,
// validation, CEL rules, OpenAPI), which CRD serving is built on.
export * from "./schema/index.js";
