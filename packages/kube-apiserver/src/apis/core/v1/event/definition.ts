// The events resource of core/v1, as the generic registry serves it.
//
// Not here yet: expiry. Upstream keeps events for --event-ttl (1 h); the
// generic registry supports a TTL per store (createRegistryStore's
// ttlSeconds), but core/v1's group.ts builds every store the same way and
// does not pass one yet, so events are kept until deleted.
// Also, the library adds an Age column after the ones below, which
// upstream's events table does not have.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Event, EventSchema } from "./schema.js";
import { eventStrategy } from "./strategy.js";
import { eventColumns } from "./table.js";

/** Upstream's default --event-ttl, for when the store gets one. */
export const EVENT_TTL_SECONDS = 3600;

export const eventDefinition: ResourceDefinition<Event> = {
  group: "",
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
  // What `kubectl describe` and `kubectl get events --field-selector` use.
  selectableFields: {
    "involvedObject.kind": (ev) => ev.involvedObject?.kind ?? "",
    "involvedObject.namespace": (ev) => ev.involvedObject?.namespace ?? "",
    "involvedObject.name": (ev) => ev.involvedObject?.name ?? "",
    "involvedObject.uid": (ev) => ev.involvedObject?.uid ?? "",
    "involvedObject.apiVersion": (ev) => ev.involvedObject?.apiVersion ?? "",
    "involvedObject.resourceVersion": (ev) => ev.involvedObject?.resourceVersion ?? "",
    "involvedObject.fieldPath": (ev) => ev.involvedObject?.fieldPath ?? "",
    reason: (ev) => ev.reason ?? "",
    reportingComponent: (ev) => ev.reportingComponent ?? "",
    // The older reporter field, else the newer one.
    source: (ev) => ev.source?.component || ev.reportingComponent || "",
    type: (ev) => ev.type ?? "",
  },
  description: "A report of something that happened to an object.",
};
