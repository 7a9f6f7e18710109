export { EndpointsSchema, EndpointSubsetSchema, EndpointAddressSchema, EndpointPortSchema, type Endpoints, type EndpointSubset } from "./schema.js";
export { applyEndpointsDefaults } from "./defaults.js";
export { validateEndpoints } from "./validation.js";
export { endpointsStrategy } from "./strategy.js";
export { endpointsColumns, formatEndpoints } from "./table.js";
export { endpointsDefinition } from "./definition.js";
