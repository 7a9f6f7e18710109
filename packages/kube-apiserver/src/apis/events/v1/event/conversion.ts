// events.k8s.io/v1 Events and core/v1 Events are one resource in two shapes
// (upstream: pkg/apis/events/v1/conversion.go). Objects are stored in
// core/v1's shape, in core's events storage; every read and write through
// events.k8s.io converts (see ../../../../registry/converted-storage.ts).
//
//   events.k8s.io/v1              core/v1
//   regarding                <->  involvedObject
//   note                     <->  message
//   reportingController      <->  reportingComponent
//   deprecatedSource         <->  source {component, host}
//   deprecatedFirstTimestamp <->  firstTimestamp
//   deprecatedLastTimestamp  <->  lastTimestamp
//   deprecatedCount          <->  count
//   eventTime, series, action, reason, related, type, reportingInstance: the same
//
// Both directions keep every field and drop nothing, so an event read
// through either API and written back is unchanged. Empty strings and zero
// counts are left out where upstream's JSON omits them; the fields upstream
// always writes (regarding, deprecatedSource, eventTime and the timestamps
// as null; core's reportingComponent and reportingInstance as "") are filled in.

import type { StorageConversion } from "../../../../registry/converted-storage.js";
import type { Event as CoreEvent } from "../../../core/v1/event/schema.js";
import type { Event } from "./schema.js";

export const EVENTS_API_VERSION = "events.k8s.io/v1";

/** `{ [key]: value }` when value is set (not "", 0 or absent), else nothing: upstream's omitempty. */
function ifSet<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  return value === undefined || value === null || value === "" || value === 0 ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** The core/v1 form of an events.k8s.io/v1 event. Shares nested objects with `ev`. */
export function toCoreEvent(ev: Event): CoreEvent {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: ev.metadata,
    involvedObject: ev.regarding ?? {},
    ...ifSet("reason", ev.reason),
    ...ifSet("message", ev.note),
    source: ev.deprecatedSource ?? {},
    firstTimestamp: ev.deprecatedFirstTimestamp ?? null,
    lastTimestamp: ev.deprecatedLastTimestamp ?? null,
    ...ifSet("count", ev.deprecatedCount),
    ...ifSet("type", ev.type),
    eventTime: ev.eventTime ?? null,
    ...(ev.series
      ? { series: { ...ifSet("count", ev.series.count), ...ifSet("lastObservedTime", ev.series.lastObservedTime) } }
      : {}),
    ...ifSet("action", ev.action),
    ...(ev.related ? { related: ev.related } : {}),
    reportingComponent: ev.reportingController ?? "",
    reportingInstance: ev.reportingInstance ?? "",
  };
}

/** The events.k8s.io/v1 form of a core/v1 event. Shares nested objects with `core`. */
export function fromCoreEvent(core: CoreEvent): Event {
  return {
    apiVersion: EVENTS_API_VERSION,
    kind: "Event",
    metadata: core.metadata,
    eventTime: core.eventTime ?? null,
    ...(core.series ? { series: { count: core.series.count ?? 0, lastObservedTime: core.series.lastObservedTime ?? null } } : {}),
    ...ifSet("reportingController", core.reportingComponent),
    ...ifSet("reportingInstance", core.reportingInstance),
    ...ifSet("action", core.action),
    ...ifSet("reason", core.reason),
    regarding: core.involvedObject ?? {},
    ...(core.related ? { related: core.related } : {}),
    ...ifSet("note", core.message),
    ...ifSet("type", core.type),
    deprecatedSource: core.source ?? {},
    deprecatedFirstTimestamp: core.firstTimestamp ?? null,
    deprecatedLastTimestamp: core.lastTimestamp ?? null,
    ...ifSet("deprecatedCount", core.count),
  };
}

/**
 * The conversion the events.k8s.io storage runs on every call. Copies, so
 * that stored objects (frozen in the watch cache) are never shared with
 * objects the registry goes on to change.
 */
export const eventStorageConversion: StorageConversion<Event, CoreEvent> = {
  fromStored: (core) => fromCoreEvent(structuredClone(core)),
  toStored: (ev) => toCoreEvent(structuredClone(ev)),
};
