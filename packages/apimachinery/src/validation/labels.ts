// Validation of labels and of metav1.LabelSelector objects (upstream's
// apis/meta/v1/validation). Errors name the map's path, not the key, as upstream does.

import type { MetaLabelSelector, LabelSelectorRequirement } from "../apis/meta/v1/label-selector.js";
import { FieldPath, forbidden, invalid, required, type FieldError } from "./field-errors.js";
import { isQualifiedName, isValidLabelValue } from "./names.js";

type PathLike = FieldPath | string;
const toPath = (path: PathLike): FieldPath => (typeof path === "string" ? FieldPath.root(path) : path);

/** A label key must be a qualified name. */
export function validateLabelName(name: string, path: PathLike): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, name, msg));
}

/** Every key a qualified name, every value a valid label value. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, path: PathLike): FieldError[] {
  const errs: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(key, path));
    for (const msg of isValidLabelValue(value)) errs.push(invalid(path, value, msg));
  }
  return errs;
}

function validateRequirement(req: LabelSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errs.push(required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) {
        errs.push(forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      errs.push(invalid(path.child("operator"), req.operator, "not a valid selector operator"));
  }
  errs.push(...validateLabelName(req.key, path.child("key")));
  return errs;
}

/** Validates a spec's label selector (e.g. a Deployment's `spec.selector`). */
export function validateLabelSelector(selector: MetaLabelSelector | null | undefined, path: PathLike): FieldError[] {
  if (!selector) return [];
  const base = toPath(path);
  const errs = validateLabels(selector.matchLabels, base.child("matchLabels"));
  (selector.matchExpressions ?? []).forEach((req, i) => {
    errs.push(...validateRequirement(req, base.child("matchExpressions").index(i)));
  });
  return errs;
}
