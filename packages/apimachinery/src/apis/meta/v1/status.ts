// meta/v1 Status: how the API reports the outcome of a call that returns no
// object, above all every failure. Clients branch on `reason` and `code`.

import { z } from "zod";
import { optionalField } from "./schema-helpers.js";
import { ListMetaSchema } from "./types.js";

/** The `reason` values of a Status (metav1.StatusReason); "" means unknown. */
export const StatusReasonSchema = z
  .enum([
    "",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "AlreadyExists",
    "Conflict",
    "Gone",
    "Invalid",
    "ServerTimeout",
    "StorageReadError",
    "Timeout",
    "TooManyRequests",
    "BadRequest",
    "MethodNotAllowed",
    "NotAcceptable",
    "RequestEntityTooLarge",
    "UnsupportedMediaType",
    "InternalError",
    "Expired",
    "ServiceUnavailable",
  ])
  .describe("Machine-readable reason for the failure; clients branch on it.");
export type StatusReason = z.infer<typeof StatusReasonSchema>;

export const StatusCauseSchema = z.object({
  reason: optionalField(
    z.string().describe("Machine-readable cause, e.g. `FieldValueRequired` or `FieldManagerConflict`."),
  ),
  message: optionalField(z.string().describe("Human-readable description of this cause.")),
  field: optionalField(z.string().describe("Path of the field at fault, e.g. `spec.containers[0].image`.")),
});
export type StatusCause = z.infer<typeof StatusCauseSchema>;

export const StatusDetailsSchema = z.object({
  name: optionalField(z.string().describe("Name of the object the status is about, if any.")),
  group: optionalField(z.string().describe("API group of the object; empty for the core group.")),
  kind: optionalField(z.string().describe("The resource (plural) for most errors; the Kind for Invalid.")),
  uid: optionalField(z.string().describe("UID of the object, when known.")),
  causes: optionalField(z.array(StatusCauseSchema).describe("Individual problems, e.g. one per invalid field.")),
  retryAfterSeconds: optionalField(z.number().int().describe("Seconds a client should wait before retrying.")),
});
export type StatusDetails = z.infer<typeof StatusDetailsSchema>;

export const StatusSchema = z.object({
  kind: z.literal("Status").default("Status"),
  apiVersion: z.literal("v1").default("v1"),
  metadata: ListMetaSchema.default({}),
  status: z.enum(["Success", "Failure"]).describe("Whether the operation succeeded."),
  message: optionalField(z.string().describe("Human-readable description of the outcome.")),
  reason: optionalField(StatusReasonSchema),
  details: optionalField(StatusDetailsSchema.describe("Extra data about the reason; depends on the reason.")),
  code: z.number().int().describe("The HTTP status code of the response."),
});
export type Status = z.infer<typeof StatusSchema>;
