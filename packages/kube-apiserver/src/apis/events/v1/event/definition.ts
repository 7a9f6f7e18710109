// The events resource of events.k8s.io/v1, as the generic registry serves
// it. Its objects are core/v1's events (see conversion.ts and ../group.ts).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { eventDefinition as coreEventDefinition } from "../../../core/v1/event/definition.js";
import { toCoreEvent } from "./conversion.js";
import { type Event, EventSchema } from "./schema.js";
import { eventStrategy } from "./strategy.js";
import { eventColumns } from "./table.js";

/**
 * This version's field labels and the core/v1 field each one stands for
 * (upstream: AddFieldLabelConversionsForEvent). Any other label is a 400,
 * core's involvedObject.* included.
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  "regarding.kind": "involvedObject.kind",
  "regarding.namespace": "involvedObject.namespace",
  "regarding.name": "involvedObject.name",
  "regarding.uid": "involvedObject.uid",
  "regarding.apiVersion": "involvedObject.apiVersion",
  "regarding.resourceVersion": "involvedObject.resourceVersion",
  "regarding.fieldPath": "involvedObject.fieldPath",
  reason: "reason",
  reportingController: "reportingComponent",
  source: "source",
  type: "type",
};

/** Each label read as core/v1 reads its field, from the event in core's form. */
function eventSelectableFields(): Record<string, (ev: Event) => string> {
  const core = coreEventDefinition.selectableFields ?? {};
  return Object.fromEntries(
    Object.entries(FIELD_LABELS).map(([label, coreField]) => {
      const read = core[coreField];
      if (read === undefined) throw new Error(`core/v1 events have no selectable field ${coreField}`);
      return [label, (ev: Event) => read(toCoreEvent(ev))];
    }),
  );
}

export const eventDefinition: ResourceDefinition<Event> = {
  group: "events.k8s.io",
  version: "v1",
  kind: "Event",
  resource: "events",
  singular: "event",
  shortNames: ["ev"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: EventSchema,
  strategy: eventStrategy,
  tableColumns: eventColumns,
  selectableFields: eventSelectableFields(),
  description: "A report of something that happened to an object (the newer shape of core/v1 Events).",
};
