// Validation of events.k8s.io/v1 Events (upstream: ValidateEventCreate and
// ValidateEventUpdate for requests in events.k8s.io/v1, which add strict
// rules to the legacy ones). As upstream, the rules run on the event in its
// stored (core/v1) form, so field paths use core's names where the two
// differ (involvedObject, message, source, count, ...), except for the
// reporting controller.
//
// Create: the legacy rules (core/v1/event/validation.ts), then: eventTime is
// required, type is Normal or Warning, a series has count >= 2 and a
// lastObservedTime, and core's older fields (firstTimestamp, lastTimestamp,
// count, source) must be unset.
// Update: the legacy rules, the series rules when the series changed, and
// everything but the series (and metadata) is immutable.

import { isDeepStrictEqual } from "node:util";
import { type FieldError, invalid, required } from "@tskube/apimachinery";
import type { Event as CoreEvent } from "../../../core/v1/event/schema.js";
import { validateEvent as validateLegacyEvent } from "../../../core/v1/event/validation.js";
import { toCoreEvent } from "./conversion.js";
import type { Event } from "./schema.js";

const REPORTING_CONTROLLER = "reportingController";
const UNSET = "needs to be unset";
const IMMUTABLE = "field is immutable";

function validateSeries(ev: CoreEvent): FieldError[] {
  if (ev.series === undefined) return [];
  const errs: FieldError[] = [];
  if ((ev.series.count ?? 0) < 2) errs.push(invalid("series.count", "", "should be at least 2"));
  if (!ev.series.lastObservedTime) errs.push(required("series.lastObservedTime", ""));
  return errs;
}

export function validateEventCreate(ev: Event): FieldError[] {
  const core = toCoreEvent(ev);
  const errs = validateLegacyEvent(core, REPORTING_CONTROLLER);
  errs.push(...validateSeries(core));
  if (!core.eventTime) errs.push(required("eventTime", ""));
  if (core.type !== "Normal" && core.type !== "Warning") errs.push(invalid("type", "", `has invalid value: ${core.type ?? ""}`));
  if (core.firstTimestamp) errs.push(invalid("firstTimestamp", "", UNSET));
  if (core.lastTimestamp) errs.push(invalid("lastTimestamp", "", UNSET));
  if (core.count) errs.push(invalid("count", "", UNSET));
  if (core.source?.component || core.source?.host) errs.push(invalid("source", "", UNSET));
  return errs;
}

/** A value as Go compares it: empty strings, nulls and empty objects are the zero value. */
function zeroed(value: unknown): unknown {
  if (value === "" || value === null || value === undefined || value === 0) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const z = zeroed(v);
    if (z !== undefined) out[k] = z;
  }
  return out;
}

export function validateEventUpdate(ev: Event, old: Event): FieldError[] {
  const core = toCoreEvent(ev);
  const oldCore = toCoreEvent(old);
  const errs = validateLegacyEvent(core, REPORTING_CONTROLLER);
  if (!isDeepStrictEqual(zeroed(core.series), zeroed(oldCore.series))) errs.push(...validateSeries(core));
  const fields: [string, unknown, unknown][] = [
    ["involvedObject", core.involvedObject, oldCore.involvedObject],
    ["reason", core.reason, oldCore.reason],
    ["message", core.message, oldCore.message],
    ["source", core.source, oldCore.source],
    ["firstTimestamp", core.firstTimestamp, oldCore.firstTimestamp],
    ["lastTimestamp", core.lastTimestamp, oldCore.lastTimestamp],
    ["count", core.count, oldCore.count],
    // (Upstream checks reason twice, so a changed reason is reported twice.)
    ["reason", core.reason, oldCore.reason],
    ["type", core.type, oldCore.type],
    ["eventTime", core.eventTime, oldCore.eventTime],
    ["action", core.action, oldCore.action],
    ["related", core.related, oldCore.related],
    [REPORTING_CONTROLLER, core.reportingComponent, oldCore.reportingComponent],
    ["reportingInstance", core.reportingInstance, oldCore.reportingInstance],
  ];
  for (const [path, value, oldValue] of fields) {
    if (!isDeepStrictEqual(zeroed(value), zeroed(oldValue))) errs.push(invalid(path, value ?? "", IMMUTABLE));
  }
  return errs;
}
