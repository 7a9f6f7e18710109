// The three PATCH formats of the Kubernetes API as pure functions over JSON
// values, and the dispatcher the PATCH handler calls. See README.md.
export { applyPatch, isPatchType, newUnsupportedPatchTypeError, PATCH_TYPES, patchTypeFromContentType, supportedPatchTypes } from "./patch-type.js";
export type { PatchType } from "./patch-type.js";
export { applyJSONPatch, MAX_JSON_PATCH_COPY_BYTES, MAX_JSON_PATCH_OPERATIONS } from "./json-patch.js";
export type { JsonPatchLimits } from "./json-patch.js";
export { applyMergePatch } from "./merge-patch.js";
export { applyStrategicMergePatch } from "./strategic-merge-patch.js";
export { fieldPatchInfo, PATCH_MERGE_KEY_META, PATCH_STRATEGY_META } from "./schema-walker.js";
export type { FieldPatchInfo } from "./schema-walker.js";
export { UNPROCESSABLE_PATCH_MESSAGE } from "./errors.js";
export type { JsonObject, JsonPrimitive, JsonValue } from "./json.js";
