// Flunder validation (upstream: the sample's ValidateFlunderSpec, with its
// messages). Upstream validates its internal form, where the reference is
// in flunderReference or fischerReference depending on the type; the field
// paths of those errors are the internal ones, as upstream reports them.

import { type FieldError, FieldPath, invalid, required } from "@tskube/apimachinery";
import { REFERENCE_TYPES, type Flunder } from "./schema.js";

export function validateFlunder(flunder: Flunder): FieldError[] {
  const spec = FieldPath.root("spec");
  const reference = flunder.spec?.reference ?? "";
  const type = flunder.spec?.referenceType ?? "";
  const errs: FieldError[] = [];
  if (type === "Fischer" && reference === "") {
    errs.push(required(spec.child("fischerReference"), "cannot be empty if referenceType is Fischer"));
  } else if (type === "Flunder" && reference === "") {
    errs.push(required(spec.child("flunderReference"), "cannot be empty if referenceType is Flunder"));
  }
  if (type !== "" && !(REFERENCE_TYPES as readonly string[]).includes(type)) {
    errs.push(invalid(spec.child("referenceType"), type, "must be Flunder or Fischer"));
  }
  return errs;
}
