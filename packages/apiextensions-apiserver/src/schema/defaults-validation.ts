// Are a schema's defaults valid? (upstream: defaulting/validation.go). Each
// default must already be pruned (no fields the schema would drop), give
// valid metadata where it lands in an embedded resource, and pass the value
// validation and the CEL rules of the schema it is the default of.

import { type FieldError, type FieldPath, invalid } from "@tskube/apimachinery";
import { validateCELRules } from "../cel/validator.js";
import { deepCopy, deepEqual } from "./json.js";
import { coerceObjectMeta, validateEmbeddedResources } from "./object-meta.js";
import { prune } from "./pruning.js";
import type { Structural } from "./structural.js";
import { validateValue } from "./value-validation.js";

export function validateDefaults(path: FieldPath, s: Structural, requirePrunedDefaults = true): FieldError[] {
  // The root stands for a whole resource: an embedded resource, as far as metadata goes.
  const root = s.xEmbeddedResource ? s : { ...s, xEmbeddedResource: true };
  return validate(path, root, false, requirePrunedDefaults);
}

function validate(path: FieldPath, s: Structural, insideMeta: boolean, requirePruned: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (s.xEmbeddedResource) insideMeta = false;
  if (s.default !== undefined) {
    const dpath = path.child("default");
    if (!insideMeta && requirePruned) {
      const pruned = deepCopy(s.default);
      prune(pruned, s, { isResourceRoot: s.xEmbeddedResource === true });
      if (!deepEqual(pruned, s.default)) errs.push(invalid(dpath, s.default, "must not have unknown fields"));
    }
    const value = deepCopy(s.default);
    const coerced = coerceObjectMeta(value, s, { isResourceRoot: s.xEmbeddedResource === true });
    const metaErrs = [...coerced.errors, ...validateEmbeddedResources(value, s, dpath)];
    if (metaErrs.length > 0) errs.push(...metaErrs);
    else {
      const valueErrs = validateValue(s.default, s, { basePath: dpath });
      if (valueErrs.length > 0) errs.push(...valueErrs);
      else errs.push(...validateCELRules(s.default, s, { basePath: dpath }).errors);
    }
  }
  // Defaults below additionalProperties are forbidden, so they are not followed.
  if (s.items) errs.push(...validate(path.child("items"), s.items, insideMeta, requirePruned));
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    const meta = insideMeta || (s.xEmbeddedResource === true && (k === "metadata" || k === "apiVersion" || k === "kind"));
    errs.push(...validate(path.child("properties").key(k), p, meta, requirePruned));
  }
  return errs;
}
