// meta/v1 WatchEvent: one line of a watch stream, `{"type":"ADDED","object":{...}}`.

import { z } from "zod";

export const WatchEventTypeSchema = z
  .enum(["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"])
  .describe("What happened: ADDED, MODIFIED, DELETED, BOOKMARK (progress only) or ERROR (object is a Status).");
export type WatchEventType = z.infer<typeof WatchEventTypeSchema>;

export const WatchEventSchema = z.object({
  type: WatchEventTypeSchema,
  // Any kind of object travels here, so every field is kept as sent.
  object: z
    .record(z.string(), z.unknown())
    .describe("The object after the change (the last state for DELETED), or a Status for ERROR."),
});
export type WatchEvent = z.infer<typeof WatchEventSchema>;
