// `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE, and with
// -o wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME, as upstream's printer
// fills them (older events have first/lastTimestamp and count, newer ones
// eventTime and series).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { Event } from "./schema.js";

export function firstSeen(ev: Event, now?: number): string {
  return translateTimestampSince((ev.firstTimestamp || ev.eventTime) ?? undefined, now);
}

export function lastSeen(ev: Event, now?: number): string {
  if (ev.series) return translateTimestampSince(ev.series.lastObservedTime, now);
  return ev.lastTimestamp ? translateTimestampSince(ev.lastTimestamp, now) : firstSeen(ev, now);
}

export function eventCount(ev: Event): number {
  if (ev.series) return ev.series.count ?? 0;
  // Events of the newer API that happened once carry no count.
  return ev.count ? ev.count : 1;
}

/** `kind/name` in lower case, or only the kind when there is no name. */
export function eventObject(ev: Event): string {
  const kind = (ev.involvedObject?.kind ?? "").toLowerCase();
  return ev.involvedObject?.name ? `${kind}/${ev.involvedObject?.name}` : kind;
}

/** `component, host`, each from source or else the reporting fields. */
export function eventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || "";
  const instance = ev.source?.host || ev.reportingInstance || "";
  return instance === "" ? component : `${component}, ${instance}`;
}

export const eventColumns: TableColumn<Event>[] = [
  { name: "Last Seen", type: "string", description: "How long ago the event last happened.", cell: (ev) => lastSeen(ev) },
  { name: "Type", type: "string", description: "Normal or Warning.", cell: (ev) => ev.type ?? "" },
  { name: "Reason", type: "string", description: "Why the event happened.", cell: (ev) => ev.reason ?? "" },
  { name: "Object", type: "string", description: "The object the event is about.", cell: eventObject },
  { name: "Subobject", type: "string", priority: 1, description: "The part of the object, if any.", cell: (ev) => ev.involvedObject?.fieldPath ?? "" },
  { name: "Source", type: "string", priority: 1, description: "Who reported the event.", cell: eventSource },
  { name: "Message", type: "string", description: "What happened.", cell: (ev) => (ev.message ?? "").trim() },
  { name: "First Seen", type: "string", priority: 1, description: "How long ago the event first happened.", cell: (ev) => firstSeen(ev) },
  { name: "Count", type: "integer", priority: 1, description: "How often the event happened.", cell: eventCount },
  { name: "Name", type: "string", priority: 1, description: "The event's name.", cell: (ev) => ev.metadata.name ?? "" },
];
