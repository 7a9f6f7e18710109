// PATCH of an object or of a subresource (upstream: handlers/patch.go).
//
// The Content-Type names the patch format:
//   application/json-patch+json            RFC 6902 operations
//   application/merge-patch+json           RFC 7386 merge
//   application/strategic-merge-patch+json merge that knows list keys (built-in kinds only; 415 otherwise)
//   application/apply-patch+yaml           server-side apply: 415 until it exists here
//
// The patch is applied inside the registry's update loop (UpdatedObjectInfo),
// to the object as currently stored, so a concurrent write makes the loop
// retry with the newer object instead of failing. The result is decoded like
// an update body; fields it does not know, or that the patch gives twice,
// follow `fieldValidation`, and a patched object that does not decode is a
// 422 Invalid on the field "patch", as upstream. A missing object is a 404.
// The mutating admission plugins see the patched object on every try of the
// loop; the validating ones run in the registry, last.

import { type KubeObject, invalid, newInvalid, newNotFound } from "@tskube/apimachinery";
import { applyPatch, newUnsupportedPatchTypeError, patchTypeFromContentType, supportedPatchTypes } from "../../patch/index.js";
import type { PatchType } from "../../patch/index.js";
import { admitUpdate, writeOptionsObject, writeValidation } from "./admission.js";
import { readBody } from "./body.js";
import {
  type FieldValidation,
  type ObjectType,
  declaredType,
  describeSchemaError,
  groupVersionOf,
  isPlainObject,
  strictDecodingErrors,
  strictDecodingMessage,
  withTypeMeta,
} from "./decode.js";
import { scanJSONKeys } from "./json-keys.js";
import { parseWriteOptions } from "./options.js";
import {
  type EndpointRequest,
  checkName,
  ensureNamespace,
  groupResourceOf,
  negotiateResponse,
  respond,
  storageScope,
  tableOptionsFor,
} from "./scope.js";
import type { Updater } from "./update.js";

/** 422 Invalid on the field "patch", carrying the patched object: how upstream reports a patch result it cannot decode. */
function invalidPatchResult(patched: unknown, detail: string) {
  return newInvalid({ group: "", kind: "" }, "", [invalid("patch", JSON.stringify(patched), detail)]);
}

/**
 * Keys the patch body itself gives twice, as strict decoding words them. A
 * body that is not JSON is left for the patch functions to reject.
 */
function duplicateFieldsInPatch(body: Buffer, patchType: PatchType): string[] {
  const text = body.toString("utf8");
  try {
    JSON.parse(text);
  } catch {
    return [];
  }
  // JSON patch operations are reported with their index: `json patch duplicate field "[0].op"`.
  const prefix = patchType === "application/json-patch+json" ? "json patch " : "";
  return scanJSONKeys(text)
    .filter((k) => k.duplicate)
    .map((k) => `${prefix}duplicate field ${JSON.stringify(k.path)}`);
}

export interface PatchedDecodeOptions {
  fieldValidation: FieldValidation;
  warnings: string[];
  /** Strict decoding errors found in the patch body itself. */
  patchErrors: readonly string[];
}

/** Decodes a patched object as an update body, with patch-style (422) errors. */
export function decodePatchedObject(patched: unknown, type: ObjectType, opts: PatchedDecodeOptions): KubeObject {
  if (!isPlainObject(patched)) throw invalidPatchResult(patched, "the patched document is not an object");
  const declared = declaredType(patched, type);
  const expected = groupVersionOf(type);
  if (declared.kind !== type.kind || declared.apiVersion !== expected) {
    throw invalidPatchResult(
      patched,
      `the patch changes the object to ${declared.apiVersion}, Kind=${declared.kind}; expected ${expected}, Kind=${type.kind}`,
    );
  }
  const result = type.schema.safeParse(patched);
  if (!result.success) throw invalidPatchResult(patched, describeSchemaError(result.error));

  if (opts.fieldValidation !== "Ignore") {
    const unknown = strictDecodingErrors({ value: patched, format: "json", keys: [], yamlDuplicates: [] }, result.data);
    const errors = [...opts.patchErrors, ...unknown.errors];
    if (errors.length > 0) {
      if (opts.fieldValidation === "Strict") throw invalidPatchResult(patched, strictDecodingMessage(errors));
      opts.warnings.push(...errors);
    }
  }
  const obj = withTypeMeta(result.data, expected, type.kind);
  type.applyDefaults?.(obj);
  return obj;
}

export async function patchResource(er: EndpointRequest, update: Updater): Promise<void> {
  const { endpoint } = er;
  // The content type is checked first: it decides everything else.
  const accepted = supportedPatchTypes({ strategicMergePatch: endpoint.strategicMergePatch });
  const patchType = patchTypeFromContentType(er.req.headers["content-type"]);
  if (patchType === undefined || !accepted.includes(patchType)) throw newUnsupportedPatchTypeError(accepted);

  const media = negotiateResponse(er);
  tableOptionsFor(er, media);
  const opts = parseWriteOptions(er.query, "PatchOptions", er.req.headers["user-agent"]);
  const body = await readBody(er.req, er.maxRequestBodyBytes);
  const patchErrors = opts.fieldValidation === "Ignore" ? [] : duplicateFieldsInPatch(body, patchType);
  const { type } = endpoint;
  const schema = endpoint.strategicMergePatch ? type.schema : undefined;

  const options = { update: writeOptionsObject("UpdateOptions", opts), create: writeOptionsObject("CreateOptions", opts) };
  const validation = writeValidation(er, options, opts.dryRun);
  const { object, created } = await update(storageScope(er, { ...opts, validation }), er.name, {
    updatedObject: async (current) => {
      if (current === null) throw newNotFound(groupResourceOf(endpoint), er.name);
      // Patches are written against the object as clients see it, type meta included.
      const patched = applyPatch(patchType, withTypeMeta(current, groupVersionOf(type), type.kind), body, schema);
      const obj = decodePatchedObject(patched, type, {
        fieldValidation: opts.fieldValidation,
        warnings: er.ctx.warnings,
        patchErrors,
      });
      checkName(obj, er.name);
      ensureNamespace(obj, er);
      await admitUpdate(er, obj, current, options, opts.dryRun);
      return obj;
    },
  });
  respond(er, created ? 201 : 200, object, media);
}
