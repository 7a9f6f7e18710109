// Validation of Namespaces (upstream: ValidateNamespace and its update
// variants). Names are DNS labels (the strategy's validateName); what is
// checked here is the finalizers of spec and the phase a status write may set.

import { type FieldError, FieldPath, invalid, isQualifiedName } from "@tskube/apimachinery";
import { FINALIZER_KUBERNETES, NAMESPACE_ACTIVE, NAMESPACE_TERMINATING, type Namespace } from "./schema.js";

/** Finalizer names that need no domain prefix: the ones Kubernetes itself defines. */
const STANDARD_FINALIZERS: ReadonlySet<string> = new Set([FINALIZER_KUBERNETES, "orphan", "foregroundDeletion"]);

/** A spec finalizer is a qualified name, and one without a prefix must be a standard one. */
function validateSpecFinalizer(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (!name.includes("/") && !STANDARD_FINALIZERS.has(name)) {
    errs.push(invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified"));
  }
  return errs;
}

/** A write to `/finalize`: each spec finalizer, by index (upstream: ValidateNamespaceFinalizeUpdate). */
export function validateNamespaceFinalizeUpdate(ns: Namespace): FieldError[] {
  const path = FieldPath.root("spec", "finalizers");
  return (ns.spec?.finalizers ?? []).flatMap((name, i) => validateSpecFinalizer(name, path.index(i)));
}

export function validateNamespace(ns: Namespace): FieldError[] {
  const path = FieldPath.root("spec", "finalizers");
  return (ns.spec?.finalizers ?? []).flatMap((name) => validateSpecFinalizer(name, path));
}

/**
 * A status write may only set the phase that matches the object: Active
 * until deletion starts, Terminating after. (Upstream's field path really is
 * `status.Phase`, capitalised.)
 */
export function validateNamespaceStatusUpdate(ns: Namespace): FieldError[] {
  const phase = ns.status?.phase ?? "";
  const path = FieldPath.root("status", "Phase");
  if (!ns.metadata.deletionTimestamp) {
    return phase === NAMESPACE_ACTIVE ? [] : [invalid(path, phase, "may only be 'Active' if `deletionTimestamp` is empty")];
  }
  return phase === NAMESPACE_TERMINATING ? [] : [invalid(path, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")];
}
