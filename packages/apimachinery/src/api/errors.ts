// API errors as `Status` objects: every failure a client sees is one of these,
// with upstream's HTTP code, `reason`, message wording and `details`.
// Clients branch on `reason` and `code` (e.g. client-go's IsNotFound, IsConflict),
// so both must match kube-apiserver exactly.

import { aggregateMessages, type FieldError } from "../validation/field-errors.js";
import type { Status, StatusCause, StatusDetails, StatusReason } from "../apis/meta/v1/status.js";

// The Status types are inferred from the meta/v1 zod schemas; re-exported here
// because errors are where most code meets them.
export type { Status, StatusCause, StatusDetails, StatusReason };

/** A group and a resource, e.g. `{group: "apps", resource: "deployments"}`; prints as `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** A group and a kind, e.g. `{group: "apps", kind: "Deployment"}`; prints as `Deployment.apps`. */
export interface GroupKind {
  group: string;
  kind: string;
}

export function groupResourceString(gr: GroupResource): string {
  return gr.group === "" ? gr.resource : `${gr.resource}.${gr.group}`;
}

export function groupKindString(gk: GroupKind): string {
  return gk.group === "" ? gk.kind : `${gk.kind}.${gk.group}`;
}

/** An error that carries the `Status` to send to the client. */
export class StatusError extends Error {
  readonly status: Status;

  constructor(status: Omit<Status, "kind" | "apiVersion" | "metadata" | "status"> & Partial<Pick<Status, "metadata">>) {
    super(status.message ?? status.reason ?? `status ${status.code}`);
    this.name = "StatusError";
    this.status = {
      kind: "Status",
      apiVersion: "v1",
      metadata: status.metadata ?? {},
      status: "Failure",
      ...(status.message !== undefined ? { message: status.message } : {}),
      ...(status.reason !== undefined ? { reason: status.reason } : {}),
      ...(status.details !== undefined ? { details: status.details } : {}),
      code: status.code,
    };
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): StatusReason {
    return this.status.reason ?? "";
  }
}

export function isStatusError(err: unknown): err is StatusError {
  return err instanceof StatusError;
}

/** The reason of a StatusError, or "" for anything else (like client-go's ReasonForError). */
export function reasonForError(err: unknown): StatusReason {
  return isStatusError(err) ? err.reason : "";
}

/** Builds StatusDetails the way upstream serializes them: empty strings and zero numbers are left out (omitempty). */
function details(fields: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (fields.name) out.name = fields.name;
  if (fields.group) out.group = fields.group;
  if (fields.kind) out.kind = fields.kind;
  if (fields.uid) out.uid = fields.uid;
  if (fields.causes && fields.causes.length > 0) out.causes = fields.causes;
  if (fields.retryAfterSeconds) out.retryAfterSeconds = fields.retryAfterSeconds;
  return out;
}

function resourceDetails(gr: GroupResource, name: string): StatusDetails {
  return details({ name, group: gr.group, kind: gr.resource });
}

export function newBadRequest(message: string): StatusError {
  return new StatusError({ code: 400, reason: "BadRequest", message });
}

/** 401. The authentication filter sends "Unauthorized"; an empty message becomes upstream's "not authorized". */
export function newUnauthorized(message = "Unauthorized"): StatusError {
  return new StatusError({ code: 401, reason: "Unauthorized", message: message || "not authorized" });
}

/** `pods "x" is forbidden: <reason>` (`pods is forbidden: ...` without a name, `forbidden: ...` without a resource). */
export function newForbidden(gr: GroupResource, name: string, reason: string): StatusError {
  let message: string;
  if (gr.group === "" && gr.resource === "") message = `forbidden: ${reason}`;
  else if (name === "") message = `${groupResourceString(gr)} is forbidden: ${reason}`;
  else message = `${groupResourceString(gr)} ${JSON.stringify(name)} is forbidden: ${reason}`;
  return new StatusError({
    code: 403,
    reason: "Forbidden",
    message,
    details: resourceDetails(gr, name),
  });
}

/** `pods "x" not found`; upstream quotes the name even when it is empty. */
export function newNotFound(gr: GroupResource, name: string): StatusError {
  return new StatusError({
    code: 404,
    reason: "NotFound",
    message: `${groupResourceString(gr)} ${JSON.stringify(name)} not found`,
    details: resourceDetails(gr, name),
  });
}

export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return new StatusError({
    code: 405,
    reason: "MethodNotAllowed",
    message: `${action} is not supported on resources of kind ${JSON.stringify(groupResourceString(gr))}`,
    details: details({ group: gr.group, kind: gr.resource }),
  });
}

export function newNotAcceptable(message: string): StatusError {
  return new StatusError({ code: 406, reason: "NotAcceptable", message });
}

export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError({
    code: 409,
    reason: "AlreadyExists",
    message: `${groupResourceString(gr)} ${JSON.stringify(name)} already exists`,
    details: resourceDetails(gr, name),
  });
}

/** 409 AlreadyExists after every generated name collided (generateName retries exhausted). */
export function newGenerateNameConflict(gr: GroupResource, name: string, retryAfterSeconds: number): StatusError {
  return new StatusError({
    code: 409,
    reason: "AlreadyExists",
    message: `${groupResourceString(gr)} ${JSON.stringify(name)} already exists, the server was not able to generate a unique name for the object`,
    details: details({ name, group: gr.group, kind: gr.resource, retryAfterSeconds }),
  });
}

/** The message upstream sends for a stale resourceVersion on update. */
export const OPTIMISTIC_LOCK_ERROR_MSG =
  "the object has been modified; please apply your changes to the latest version and try again";

export function newConflict(gr: GroupResource, name: string, reason: string): StatusError {
  return new StatusError({
    code: 409,
    reason: "Conflict",
    message: `Operation cannot be fulfilled on ${groupResourceString(gr)} ${JSON.stringify(name)}: ${reason}`,
    details: resourceDetails(gr, name),
  });
}

export function newGone(message: string): StatusError {
  return new StatusError({ code: 410, reason: "Gone", message });
}

/** 410 with reason Expired: a watch or continue token from a compacted revision. Clients relist. */
export function newResourceExpired(message: string, continueToken?: string): StatusError {
  return new StatusError({
    code: 410,
    reason: "Expired",
    message,
    ...(continueToken !== undefined ? { metadata: { continue: continueToken } } : {}),
  });
}

export function newRequestEntityTooLarge(message: string): StatusError {
  return new StatusError({ code: 413, reason: "RequestEntityTooLarge", message: `Request entity too large: ${message}` });
}

export function newUnsupportedMediaType(message: string): StatusError {
  return new StatusError({ code: 415, reason: "UnsupportedMediaType", message });
}

/** 422 Invalid: `Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be ...`. */
export function newInvalid(gk: GroupKind, name: string, errs: FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: e.body(), field: e.field }));
  const what = `${groupKindString(gk)} ${JSON.stringify(name)} is invalid`;
  return new StatusError({
    code: 422,
    reason: "Invalid",
    message: errs.length === 0 ? what : `${what}: ${aggregateMessages(errs.map((e) => e.toString()))}`,
    details: details({ name, group: gk.group, kind: gk.kind, causes }),
  });
}

/** 429 with a retry hint; the message is sent as given (upstream's NewTooManyRequests). */
export function newTooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return new StatusError({
    code: 429,
    reason: "TooManyRequests",
    message,
    details: details({ retryAfterSeconds }),
  });
}

/** 429 without a retry hint: `Too many requests: <message>` (upstream's NewTooManyRequestsError). */
export function newTooManyRequestsError(message: string): StatusError {
  return new StatusError({ code: 429, reason: "TooManyRequests", message: `Too many requests: ${message}` });
}

export function newInternalError(err: unknown): StatusError {
  const message = err instanceof Error ? err.message : String(err);
  return new StatusError({
    code: 500,
    reason: "InternalError",
    message: `Internal error occurred: ${message}`,
    details: { causes: [{ message }] },
  });
}

/** 500 ServerTimeout: the storage did not answer; clients retry after `retryAfterSeconds`. */
export function newServerTimeout(gr: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
  return new StatusError({
    code: 500,
    reason: "ServerTimeout",
    message: `The ${operation} operation against ${groupResourceString(gr)} could not be completed at this time, please try again.`,
    details: details({ name: operation, group: gr.group, kind: gr.resource, retryAfterSeconds }),
  });
}

export function newServiceUnavailable(message: string): StatusError {
  return new StatusError({ code: 503, reason: "ServiceUnavailable", message });
}

/** 504 Timeout: the request could not complete in time (e.g. a resourceVersion the store has not reached). */
export function newTimeoutError(message: string, retryAfterSeconds: number, causes?: StatusCause[]): StatusError {
  return new StatusError({
    code: 504,
    reason: "Timeout",
    message: `Timeout: ${message}`,
    details: details({ retryAfterSeconds, ...(causes ? { causes } : {}) }),
  });
}

export function isNotFound(err: unknown): boolean {
  return reasonForError(err) === "NotFound";
}
export function isAlreadyExists(err: unknown): boolean {
  return reasonForError(err) === "AlreadyExists";
}
export function isConflict(err: unknown): boolean {
  return reasonForError(err) === "Conflict";
}
export function isResourceExpired(err: unknown): boolean {
  return reasonForError(err) === "Expired" || reasonForError(err) === "Gone";
}
export function isInvalid(err: unknown): boolean {
  return reasonForError(err) === "Invalid";
}
export function isBadRequest(err: unknown): boolean {
  return reasonForError(err) === "BadRequest";
}
