// The steps a custom resource goes through, in upstream's order, for the
// server to call on write (create, update, patch) and on read from storage.
//
//   normalize: coerce metadata -> prune unknown fields -> drop non-nullable
//              nulls without defaults -> apply defaults
//   validate:  schema values (ratcheted on update) -> list-type sets/maps ->
//              embedded resources -> x-kubernetes-validations (CEL)

import { type FieldError, invalid } from "@tskube/apimachinery";
import { validateCELRules } from "../cel/validator.js";
import { applyDefaults, pruneNonNullableNulls } from "./defaulting.js";
import { validateListSetsAndMaps } from "./list-type-validation.js";
import { coerceObjectMeta, validateEmbeddedResources } from "./object-meta.js";
import { prune } from "./pruning.js";
import type { Structural } from "./structural.js";
import { validateValue } from "./value-validation.js";

export interface NormalizeResult {
  /** Fields dropped as unknown, sorted (`spec.x`, `metadata.foo`): for fieldValidation Strict/Warn. */
  unknownFields: string[];
  /** Metadata of the wrong type (only when not dropping it). */
  errors: FieldError[];
}

export interface NormalizeOptions {
  /** The CRD keeps unknown fields everywhere (spec.preserveUnknownFields, v1beta1 only): no pruning. */
  preserveUnknownFields?: boolean;
  /** Drop malformed metadata fields instead of reporting them (reads from storage). */
  dropInvalidMetadata?: boolean;
}

/** Prunes and defaults a whole custom resource in place. */
export function normalizeCustomResource(obj: Record<string, unknown>, schema: Structural, opts: NormalizeOptions = {}): NormalizeResult {
  const coerced = coerceObjectMeta(obj, schema, { isResourceRoot: true, dropInvalidFields: opts.dropInvalidMetadata === true });
  const pruned = opts.preserveUnknownFields ? [] : prune(obj, schema, { isResourceRoot: true });
  pruneNonNullableNulls(obj, schema);
  applyDefaults(obj, schema);
  return { unknownFields: [...coerced.unknownFields, ...pruned].sort(), errors: coerced.errors };
}

export interface CustomResourceValidationResult {
  errors: FieldError[];
  /** Failures tolerated by ratcheting, for Warning headers. */
  warnings: string[];
}

/**
 * Errors of kinds that can make CEL rules meaningless (a value of the wrong
 * type, missing or too large): with any of them, the rules are not run
 * (upstream: hasBlockingErr).
 */
const BLOCKING: ReadonlySet<string> = new Set([
  "FieldValueNotSupported", "FieldValueRequired", "FieldValueTooLong", "FieldValueTooMany", "FieldValueTypeInvalid",
]);

/** Validates a whole custom resource; `old` is the stored object on update. */
export function validateCustomResource(obj: Record<string, unknown>, schema: Structural, old?: Record<string, unknown>): CustomResourceValidationResult {
  const errors = [
    ...validateValue(obj, schema, old === undefined ? {} : { old }),
    ...validateEmbeddedResources(obj, schema),
  ];
  // Ratcheting: list sets and maps are checked on update only if the old object met them.
  if (old === undefined || validateListSetsAndMaps(old, schema).length === 0) errors.push(...validateListSetsAndMaps(obj, schema));
  if (errors.some((e) => BLOCKING.has(e.type))) {
    // Upstream reports it at a nil path with a nil value, which print as <nil> and "null".
    errors.push(invalid("<nil>", "null", "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"));
    return { errors, warnings: [] };
  }
  const cel = validateCELRules(obj, schema, { isResourceRoot: true, ...(old === undefined ? {} : { old }) });
  return { errors: [...errors, ...cel.errors], warnings: cel.warnings };
}
