export { EventSchema, EventSourceSchema, EventSeriesSchema, EVENT_TYPES, type Event } from "./schema.js";
export { applyEventDefaults } from "./defaults.js";
export { validateEvent } from "./validation.js";
export { eventStrategy } from "./strategy.js";
export { eventColumns } from "./table.js";
export { eventDefinition, EVENT_TTL_SECONDS } from "./definition.js";
