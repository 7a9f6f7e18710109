export {
  EndpointSliceSchema,
  EndpointSchema,
  EndpointPortSchema,
  EndpointConditionsSchema,
  ADDRESS_TYPES,
  LABEL_SERVICE_NAME,
  LABEL_MANAGED_BY,
  type EndpointSlice,
  type Endpoint,
  type EndpointPort,
} from "./schema.js";
export { applyEndpointSliceDefaults } from "./defaults.js";
export { validateEndpointSlice, validateEndpointSliceUpdate, validateFQDN } from "./validation.js";
export { endpointSliceStrategy, dropDeprecatedTopology } from "./strategy.js";
export { endpointSliceColumns, formatPorts, formatEndpoints } from "./table.js";
export { endpointSliceDefinition } from "./definition.js";
