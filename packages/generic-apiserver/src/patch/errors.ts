// How a failed patch reaches the client. Upstream's PATCH handler
// (apiserver endpoints/handlers/patch.go) sorts patch errors into three kinds,
// and clients see exactly these codes and messages:
//
// - the patch cannot be decoded, or uses a directive wrongly: 400 BadRequest
//   with the library's message (newBadRequest from apimachinery);
// - a JSON patch operation fails (a `test` that does not hold, a path that
//   does not exist), or an SMP error upstream lists as unprocessable: 422
//   Invalid with a fixed generic message. The library's own text is thrown
//   away; kubectl prints "The request is invalid: the server rejected our
//   request due to an error in our request".
// - every other strategic merge patch error (a list element without its merge
//   key, an unknown `$patch` value, ...) is a plain Go error, which the
//   apiserver sends as a 500 Status with the error text and no reason.

import { StatusError, newBadRequest } from "@tskube/apimachinery";

/** The message upstream's generic 422 carries (apimachinery NewGenericServerResponse). */
export const UNPROCESSABLE_PATCH_MESSAGE = "the server rejected our request due to an error in our request";

/**
 * 422 Invalid with upstream's generic message and empty details. `detail`, the
 * actual failure, is not sent to the client; it is kept as the error's `cause`
 * for logs and tests.
 */
export function newUnprocessablePatch(detail: string): StatusError {
  const err = new StatusError({ code: 422, reason: "Invalid", message: UNPROCESSABLE_PATCH_MESSAGE, details: {} });
  err.cause = detail;
  return err;
}

/** 500 without a reason: what the apiserver sends for an error that is not a Status. */
export function newPatchFailure(message: string): StatusError {
  return new StatusError({ code: 500, message });
}

// The SMP errors upstream defines as fixed values (apimachinery util/mergepatch),
// which the PATCH handler maps to 400 (malformed directives) or 422 (lists of lists).

export function errBadPatchFormatForPrimitiveList(): StatusError {
  return newBadRequest("invalid patch format of primitive list");
}
export function errBadPatchFormatForRetainKeys(): StatusError {
  return newBadRequest("invalid patch format of retainKeys");
}
export function errBadPatchFormatForSetElementOrderList(): StatusError {
  return newBadRequest("invalid patch format of setElementOrder list");
}
export function errNoListOfLists(): StatusError {
  return newUnprocessablePatch("lists of lists are not supported");
}
