// The generic split between what clients want (spec) and what controllers
// report (status), implemented once for every resource the way upstream
// does it for custom resources (apiextensions customresource/strategy.go):
//
// - With a `status` subresource, the main resource cannot write status
//   (create drops it, an update keeps the stored one) and `/status` can write
//   nothing else (everything but status comes from the stored object).
// - metadata.generation starts at 1 and goes up by one whenever an update
//   changes anything outside metadata, and outside status when status has its
//   own subresource. Controllers compare it with status.observedGeneration.
//   (Upstream's built-in kinds each decide this in their strategy; most bump
//   on spec changes only, which is what this gives for kinds with a status
//   subresource. Kinds without one bump on any non-metadata change.)

import type { KubeObject } from "@tskube/apimachinery";

/** Create: a client cannot set status when status has its own subresource. */
export function resetStatusOnCreate(obj: KubeObject, hasStatusSubresource: boolean): void {
  if (hasStatusSubresource) delete obj.status;
}

/** Main-resource update: keep the stored status when status has its own subresource. */
export function keepStatusOnUpdate(obj: KubeObject, old: KubeObject, hasStatusSubresource: boolean): void {
  if (!hasStatusSubresource) return;
  if (old.status === undefined) delete obj.status;
  else obj.status = structuredClone(old.status);
}

/**
 * `/status` update: the stored object with the new status. managedFields
 * come from the request, since they record who wrote the status.
 */
export function onlyStatusChanges<T extends KubeObject>(obj: T, old: T): T {
  const next: KubeObject = structuredClone(old);
  if (obj.status === undefined) delete next.status;
  else next.status = obj.status;
  if (obj.metadata.managedFields === undefined) delete next.metadata.managedFields;
  else next.metadata.managedFields = obj.metadata.managedFields;
  return next as T;
}

/** The object without metadata (and without status, when status is written separately). */
function desiredState(obj: KubeObject, ignoreStatus: boolean): Record<string, unknown> {
  const { metadata: _metadata, apiVersion: _apiVersion, kind: _kind, ...rest } = obj;
  if (ignoreStatus) delete rest.status;
  return rest;
}

/** Bumps metadata.generation when the update changed the desired state (see the top of this file). */
export function bumpGenerationOnChange(obj: KubeObject, old: KubeObject, hasStatusSubresource: boolean): void {
  if (!jsonEqual(desiredState(obj, hasStatusSubresource), desiredState(old, hasStatusSubresource))) {
    obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
  }
}

/**
 * Deep equality of JSON values. Like upstream's semantic equality on decoded
 * objects, a missing field equals an explicitly undefined one, and key order
 * does not matter.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) {
    if (!jsonEqual(ra[key], rb[key])) return false;
  }
  return true;
}
