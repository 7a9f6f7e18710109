// core/v1 Event: a report of something that happened to an object. Every
// field of upstream's v1 type; descriptions in our own words.

import {
  MicroTimeSchema,
  ObjectMetaSchema,
  TimeSchema,
  TypeMetaSchema,
  knownStrings,
  optionalField,
} from "@tskube/apimachinery";
import { z } from "zod";
import { ObjectReferenceSchema } from "../object-reference.js";

export const EVENT_TYPES = ["Normal", "Warning"] as const;

/** Upstream's length limits of event fields (bytes). */
export const REASON_LENGTH_LIMIT = 128;
export const ACTION_LENGTH_LIMIT = 128;
export const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
export const NOTE_LENGTH_LIMIT = 1024;

export const EventSourceSchema = z
  .object({
    component: optionalField(z.string().describe("The component that reported the event.")),
    host: optionalField(z.string().describe("The node the event was reported on.")),
  })
  .meta({ id: "io.k8s.api.core.v1.EventSource" })
  .describe("Who reported an event.");

export const EventSeriesSchema = z
  .object({
    count: optionalField(z.number().int().describe("How often the event has happened so far in this series.")),
    lastObservedTime: optionalField(MicroTimeSchema.describe("When the event last happened.")),
  })
  .meta({ id: "io.k8s.api.core.v1.EventSeries" })
  .describe("A series of repeated occurrences of an event.");

/**
 * A timestamp upstream always serializes, as null when unset (a Go struct
 * field: omitempty does not drop it). null is kept; defaults.ts turns a
 * missing one into null.
 */
const nullableTime = (schema: z.ZodType<string>, description: string) => schema.nullable().optional().describe(description);

export const EventSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, ..."),
  // The next three are always serialized upstream (no omitempty); defaults.ts fills them in.
  involvedObject: optionalField(ObjectReferenceSchema.describe("The object the event is about.")),
  reason: optionalField(z.string().describe("Why the event happened, as one short CamelCase word for programs.")),
  message: optionalField(z.string().describe("What happened, in words for people.")),
  source: optionalField(EventSourceSchema.describe("Who reported the event (older reporters; newer ones set reportingComponent).")),
  firstTimestamp: nullableTime(TimeSchema, "When the event first happened."),
  lastTimestamp: nullableTime(TimeSchema, "When the event last happened."),
  count: optionalField(z.number().int().describe("How often the event has happened.")),
  type: optionalField(knownStrings(EVENT_TYPES, "Whether the event is routine or a problem.")),
  eventTime: nullableTime(MicroTimeSchema, "When the event was first seen, with microseconds (newer reporters)."),
  series: optionalField(EventSeriesSchema),
  action: optionalField(z.string().describe("What was done, or failed, about the object.")),
  related: optionalField(ObjectReferenceSchema.describe("A second object the event concerns, if any.")),
  reportingComponent: optionalField(z.string().describe("The controller that reported the event (e.g. kubernetes.io/kubelet).")),
  reportingInstance: optionalField(z.string().describe("The instance of the reporting controller (e.g. a host name).")),
}).describe("A report of something that happened to an object, for people to read.");

export type Event = z.infer<typeof EventSchema>;
