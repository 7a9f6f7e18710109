// Admission plugins (upstream: admission.Interface, MutationInterface and
// ValidationInterface). A plugin says which operations it handles; a
// mutating plugin may change the object, a validating one may only accept or
// refuse it. A plugin refuses by throwing a StatusError: that Status is what
// the client gets (typically 403 Forbidden, 404 NotFound or 422 Invalid).
// Any other error becomes a 500 InternalError.
//
// One plugin can be both (upstream's ServiceAccount is): it then runs once
// in the mutating phase and once in the validating phase.

import type { Attributes, Operation } from "./attributes.js";

export interface AdmissionPlugin {
  /** Shown in logs, e.g. "NamespaceLifecycle". */
  readonly name: string;
  /** Whether the plugin wants to see requests for this operation. */
  handles(operation: Operation): boolean;
}

export interface MutatingAdmissionPlugin extends AdmissionPlugin {
  /** May change `attributes.object`; throws to refuse the request. */
  admit(attributes: Attributes): Promise<void> | void;
}

export interface ValidatingAdmissionPlugin extends AdmissionPlugin {
  /** Throws to refuse the request; must not change anything. */
  validate(attributes: Attributes): Promise<void> | void;
}

export type AnyAdmissionPlugin = MutatingAdmissionPlugin | ValidatingAdmissionPlugin | (MutatingAdmissionPlugin & ValidatingAdmissionPlugin);

export function isMutating(plugin: AdmissionPlugin): plugin is MutatingAdmissionPlugin {
  return typeof (plugin as Partial<MutatingAdmissionPlugin>).admit === "function";
}

export function isValidating(plugin: AdmissionPlugin): plugin is ValidatingAdmissionPlugin {
  return typeof (plugin as Partial<ValidatingAdmissionPlugin>).validate === "function";
}

/** A `handles` for plugins that care about a fixed set of operations (upstream: admission.NewHandler). */
export function handlesOperations(...operations: Operation[]): (operation: Operation) => boolean {
  const set = new Set(operations);
  return (operation) => set.has(operation);
}
