// Small helpers shared by the registry files: the names a definition is known
// by in errors, and the apiVersion/kind every returned object carries.

import { type FieldError, type GroupKind, type GroupResource, type KubeObject, newInvalid } from "@tskube/apimachinery";
import { apiVersionOf } from "./resource.js";

/** The parts of a ResourceDefinition these helpers read. */
interface Named {
  group: string;
  version: string;
  kind: string;
  resource: string;
}

/** `deployments.apps`: how NotFound, AlreadyExists and Conflict name the resource. */
export function groupResourceOf(def: Named): GroupResource {
  return { group: def.group, resource: def.resource };
}

/** `Deployment.apps`: how 422 Invalid names the kind. */
export function groupKindOf(def: Named): GroupKind {
  return { group: def.group, kind: def.kind };
}

/** Throws 422 Invalid naming the object when there are field errors. */
export function throwIfInvalid(def: Named, name: string, errs: FieldError[]): void {
  if (errs.length > 0) throw newInvalid(groupKindOf(def), name, errs);
}

/**
 * A shallow copy of `obj` with the definition's apiVersion and kind first.
 * Never mutates: objects from a watch cache are shared and frozen.
 */
export function withTypeMeta<T extends KubeObject>(def: Named, obj: T): T {
  // Already typed (as stored objects are): return it as is, so shared objects
  // and events from the watch cache keep their identity (and cached encoding).
  if (obj.apiVersion === apiVersionOf(def) && obj.kind === def.kind) return obj;
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = obj;
  return { apiVersion: apiVersionOf(def), kind: def.kind, ...rest } as T;
}

/** Adds the strategy's warnings to the request's, once each (an update may run several times). */
export function addWarnings(warnings: string[], more: readonly string[] | undefined): void {
  for (const w of more ?? []) if (!warnings.includes(w)) warnings.push(w);
}
