// The fields of an Event that upstream always serializes, even empty:
// involvedObject and source ({}), reportingComponent and reportingInstance (""), and
// the timestamps firstTimestamp, lastTimestamp and eventTime (null). Set on
// decode and again before every write (objects written from inside the
// server skip decoding).

import type { Event } from "./schema.js";

export function applyEventDefaults(ev: Event): void {
  ev.involvedObject ??= {};
  ev.source ??= {};
  ev.reportingComponent ??= "";
  ev.reportingInstance ??= "";
  ev.firstTimestamp ??= null;
  ev.lastTimestamp ??= null;
  ev.eventTime ??= null;
}
