export { EventSchema, EventSeriesSchema, type Event, type EventSeries } from "./schema.js";
export { toCoreEvent, fromCoreEvent, eventStorageConversion, EVENTS_API_VERSION } from "./conversion.js";
export { validateEventCreate, validateEventUpdate } from "./validation.js";
export { eventStrategy, applyEventDefaults } from "./strategy.js";
export { eventColumns } from "./table.js";
export { eventDefinition } from "./definition.js";
