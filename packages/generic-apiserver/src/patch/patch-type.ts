// The four PATCH body formats, told apart by the request's Content-Type, and
// the one entry point the PATCH handler calls inside its update loop:
// `applyPatch(type, currentObject, body, schema)`.
//
// Which formats a resource accepts (upstream: the handler's patchTypes list):
// JSON patch and JSON merge patch everywhere; strategic merge patch only for
// kinds with a schema that carries patch metadata (built-in kinds; custom
// resources answer 415); server-side apply (`apply-patch+yaml`) answers 415
// until server-side apply exists here.

import { newBadRequest, newUnsupportedMediaType, type StatusError } from "@tskube/apimachinery";
import { applyJSONPatch, type JsonPatchLimits } from "./json-patch.js";
import type { JsonValue } from "./json.js";
import { applyMergePatch } from "./merge-patch.js";
import type { Schema } from "./schema-walker.js";
import { applyStrategicMergePatch } from "./strategic-merge-patch.js";

export type PatchType =
  | "application/json-patch+json"
  | "application/merge-patch+json"
  | "application/strategic-merge-patch+json"
  | "application/apply-patch+yaml";

export const PATCH_TYPES: readonly PatchType[] = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
];

export function isPatchType(value: string): value is PatchType {
  return (PATCH_TYPES as readonly string[]).includes(value);
}

/** The patch type named by a Content-Type header; parameters such as `; charset=utf-8` are ignored, as upstream does. */
export function patchTypeFromContentType(contentType: string | undefined): PatchType | undefined {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return isPatchType(mediaType) ? mediaType : undefined;
}

/** The patch types a resource accepts today: strategic merge patch only for kinds that support it. */
export function supportedPatchTypes(options: { strategicMergePatch: boolean }): PatchType[] {
  const types: PatchType[] = ["application/json-patch+json", "application/merge-patch+json"];
  if (options.strategicMergePatch) types.push("application/strategic-merge-patch+json");
  return types;
}

/** 415 for a patch type the resource does not accept, listing the ones it does (upstream's wording). */
export function newUnsupportedPatchTypeError(accepted: readonly string[]): StatusError {
  return newUnsupportedMediaType(
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );
}

/**
 * Applies a PATCH request body to the current object and returns the patched
 * object as JSON (to be decoded, defaulted and validated like any update).
 * `schema` is the kind's zod schema; without it strategic merge patch is
 * refused with 415, as upstream refuses it for custom resources.
 * Errors are StatusErrors with upstream's codes (see errors.ts).
 */
export function applyPatch(
  type: PatchType,
  currentObject: unknown,
  body: string | Uint8Array,
  schema?: Schema,
  limits?: JsonPatchLimits,
): JsonValue {
  const accepted = supportedPatchTypes({ strategicMergePatch: schema !== undefined });
  if (!(accepted as readonly string[]).includes(type)) throw newUnsupportedPatchTypeError(accepted);

  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  switch (type) {
    case "application/json-patch+json":
      return applyJSONPatch(currentObject, decodeBody(text, (message) => message), limits);
    case "application/merge-patch+json":
      // Upstream's merge patch library reports any undecodable body with this one message.
      return applyMergePatch(currentObject, decodeBody(text, () => "Invalid JSON Patch"));
    case "application/strategic-merge-patch+json":
      return applyStrategicMergePatch(currentObject, decodeBody(text, (message) => message), schema);
    default:
      throw newUnsupportedPatchTypeError(accepted);
  }
}

/** Parses the body as JSON; a syntax error is a 400 whose message `describe` chooses. */
function decodeBody(text: string, describe: (parserMessage: string) => string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    throw newBadRequest(describe(err instanceof Error ? err.message : String(err)));
  }
}
