// events.k8s.io/v1 Event: the newer shape of a report of something that
// happened to an object. The same objects as core/v1 Events (see
// conversion.ts); every field of upstream's v1.32 type, descriptions in our
// own words.

import { MicroTimeSchema, ObjectMetaSchema, TimeSchema, TypeMetaSchema, knownStrings, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { EVENT_TYPES, EventSourceSchema } from "../../../core/v1/event/schema.js";
import { ObjectReferenceSchema } from "../../../core/v1/object-reference.js";

/**
 * An optional timestamp that upstream always serializes, as null when unset
 * (a Go struct: omitempty does not drop it). conversion.ts fills in the null.
 */
const nullableTime = <T extends z.ZodType>(schema: T, description: string) => schema.nullable().optional().describe(description);

/** Fields upstream always serializes: a missing one decodes as null (or 0), for validation to report. */
const requiredTime = (description: string) =>
  z.preprocess((v) => (v === undefined ? null : v), MicroTimeSchema.nullable()).describe(description);
const requiredInt = (description: string) =>
  z.preprocess((v) => (v === undefined || v === null ? 0 : v), z.number().int()).describe(description);

export const EventSeriesSchema = z
  .object({
    count: requiredInt("How often the event has happened in this series, as of the last update."),
    lastObservedTime: requiredTime("When the event was last seen before the last update of the series."),
  })
  .meta({ id: "io.k8s.api.events.v1.EventSeries" })
  .describe("A series of repeated occurrences of an event, kept up to date by the reporter.");

export const EventSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, ..."),
  eventTime: nullableTime(MicroTimeSchema, "When the event was first seen. Required."),
  series: optionalField(EventSeriesSchema.describe("The series this event stands for; absent for an event that happened once.")),
  reportingController: optionalField(
    z.string().describe("The controller that reported the event (e.g. kubernetes.io/kubelet). Required for new events."),
  ),
  reportingInstance: optionalField(
    z.string().describe("Which instance of the controller reported the event (e.g. kubelet-node-1), at most 128 characters. Required for new events."),
  ),
  action: optionalField(z.string().describe("What was done, or failed, about the object, for programs; at most 128 characters. Required for new events.")),
  reason: optionalField(z.string().describe("Why the action was taken, at most 128 characters. Required for new events.")),
  // Always serialized upstream (a struct); conversion.ts fills it in.
  regarding: optionalField(ObjectReferenceSchema.describe("The object the event is about.")),
  related: optionalField(ObjectReferenceSchema.describe("A second object the action concerns, if any (e.g. one it created).")),
  note: optionalField(z.string().describe("What happened, in words for people; at most 1 kB.")),
  type: optionalField(knownStrings(EVENT_TYPES, "Whether the event is routine or a problem. Required for new events.")),
  deprecatedSource: optionalField(EventSourceSchema.describe("The reporter in core/v1's older form (source), kept for compatibility.")),
  deprecatedFirstTimestamp: nullableTime(TimeSchema, "core/v1's firstTimestamp, kept for compatibility."),
  deprecatedLastTimestamp: nullableTime(TimeSchema, "core/v1's lastTimestamp, kept for compatibility."),
  deprecatedCount: optionalField(z.number().int().describe("core/v1's count, kept for compatibility.")),
}).describe("A report of something that happened to an object, for people to read; kept for a limited time.");

export type Event = z.infer<typeof EventSchema>;
export type EventSeries = z.infer<typeof EventSeriesSchema>;
