// @tskube/apiextensions-apiserver: CustomResourceDefinitions and the custom
// resources they define: the CRD kind, its controllers, serving custom
// resources while the server runs, and the schema engine they are built on.
export * from "./schema/index.js";
export { createAPIExtensionsServer, type APIExtensionsServer, type APIExtensionsServerConfig } from "./server/apiextensions-apiserver.js";
export { CustomResourceServing } from "./customresource/serving.js";
export { customResourceDefinitionDefinition, APIEXTENSIONS_GROUP } from "./apis/apiextensions/v1/definition.js";
export { customResourceDefinitionStorage, CustomResourceDefinitionStorage } from "./apis/apiextensions/v1/storage.js";
export * from "./apis/apiextensions/v1/helpers.js";
export type * from "./apis/apiextensions/v1/schema.js";
export { CustomResourceDefinitionSchema } from "./apis/apiextensions/v1/schema.js";
export { JSONPath } from "./customresource/jsonpath.js";
