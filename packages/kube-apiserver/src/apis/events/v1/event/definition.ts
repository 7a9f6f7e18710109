// The events resource of events.k8s.io/v1, as the generic registry serves
// it. Its objects are core/v1's events (see conversion.ts and ../group.ts).

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Event, EventSchema } from "./schema.js";
import { eventStrategy } from "./strategy.js";
import { eventColumns } from "./table.js";

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
  // Upstream's field labels for this version: core's, named as here (regarding.*, reportingController).
  selectableFields: {
    "regarding.kind": (ev) => ev.regarding?.kind ?? "",
    "regarding.namespace": (ev) => ev.regarding?.namespace ?? "",
    "regarding.name": (ev) => ev.regarding?.name ?? "",
    "regarding.uid": (ev) => ev.regarding?.uid ?? "",
    "regarding.apiVersion": (ev) => ev.regarding?.apiVersion ?? "",
    "regarding.resourceVersion": (ev) => ev.regarding?.resourceVersion ?? "",
    "regarding.fieldPath": (ev) => ev.regarding?.fieldPath ?? "",
    reason: (ev) => ev.reason ?? "",
    reportingController: (ev) => ev.reportingController ?? "",
    // The older reporter field, else the newer one.
    source: (ev) => ev.deprecatedSource?.component || ev.reportingController || "",
    type: (ev) => ev.type ?? "",
  },
  description: "A report of something that happened to an object (the newer shape of core/v1 Events).",
};
