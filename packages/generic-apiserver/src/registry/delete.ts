// The rules of a DELETE (upstream: rest.BeforeDelete and the deletion parts of
// registry/store.go):
//
// - An object without finalizers is removed at once.
// - An object with finalizers is only marked: deletionTimestamp is set (once)
//   and deletionGracePeriodSeconds becomes 0. The controllers named by the
//   finalizers clean up and remove their entries; the update that removes the
//   last one removes the object (shouldDeleteDuringUpdate).
// - propagationPolicy tells the garbage collector what to do with dependents:
//   Orphan records the `orphan` finalizer, Foreground `foregroundDeletion`
//   (the collector removes them when done); Background needs nothing.
//
// Graceful deletion (a grace period before removal, used by pods) is not
// supported yet: gracePeriodSeconds is accepted and has no effect.

import {
  DELETION_PROPAGATIONS,
  DRY_RUN_ALL,
  type DeleteOptions,
  FINALIZER_DELETE_DEPENDENTS,
  FINALIZER_ORPHAN_DEPENDENTS,
  type FieldError,
  type KubeObject,
  type ObjectMeta,
  invalid,
  newConflict,
  newInvalid,
  notSupported,
  now,
} from "@tskube/apimachinery";

/** Throws 422 for options upstream rejects: an unknown propagationPolicy, or one combined with orphanDependents. */
export function validateDeleteOptions(opts: DeleteOptions): void {
  const errs: FieldError[] = [];
  const policy = opts.propagationPolicy;
  if (opts.orphanDependents !== undefined && policy !== undefined) {
    errs.push(invalid("propagationPolicy", policy, "orphanDependents and deletionPropagation cannot be both set"));
  }
  if (policy !== undefined && !(DELETION_PROPAGATIONS as readonly string[]).includes(policy)) {
    errs.push(notSupported("propagationPolicy", policy, [...DELETION_PROPAGATIONS, "nil"]));
  }
  if (opts.dryRun?.some((v) => v !== DRY_RUN_ALL)) errs.push(notSupported("dryRun", opts.dryRun, [DRY_RUN_ALL]));
  if (errs.length > 0) throw newInvalid({ group: "meta.k8s.io", kind: "DeleteOptions" }, "", errs);
}

/** dryRun=All in the options (the query parameter reaches the registry as RequestScope.dryRun). */
export function isDryRunDelete(opts: DeleteOptions): boolean {
  return opts.dryRun?.includes(DRY_RUN_ALL) ?? false;
}

/**
 * Checks the options' preconditions against the object as read, to fail
 * early with upstream's message (storage checks them again when it writes).
 * Upstream names the kind, not the resource, in this Conflict.
 */
export function checkDeletePreconditions(def: { group: string; kind: string }, obj: KubeObject, opts: DeleteOptions): void {
  const pre = opts.preconditions;
  if (!pre) return;
  const what = { group: def.group, resource: def.kind };
  const name = obj.metadata.name ?? "";
  const uid = obj.metadata.uid ?? "";
  if (pre.uid !== undefined && pre.uid !== uid) {
    throw newConflict(
      what,
      name,
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${uid}). The object might have been deleted and then recreated`,
    );
  }
  const rv = obj.metadata.resourceVersion ?? "";
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== rv) {
    throw newConflict(
      what,
      name,
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${rv}). The object might have been modified`,
    );
  }
}

/** Whether the garbage collector should orphan dependents: options first, then the object's finalizers. */
function shouldOrphanDependents(finalizers: readonly string[], opts: DeleteOptions): boolean {
  if (opts.orphanDependents !== undefined) return opts.orphanDependents;
  if (opts.propagationPolicy !== undefined) return opts.propagationPolicy === "Orphan";
  for (const f of finalizers) {
    if (f === FINALIZER_ORPHAN_DEPENDENTS) return true;
    if (f === FINALIZER_DELETE_DEPENDENTS) return false;
  }
  return false;
}

/** Whether the garbage collector should delete dependents before the owner (foreground). */
function shouldDeleteDependents(finalizers: readonly string[], opts: DeleteOptions): boolean {
  if (opts.orphanDependents !== undefined) return false;
  if (opts.propagationPolicy !== undefined) return opts.propagationPolicy === "Foreground";
  for (const f of finalizers) {
    if (f === FINALIZER_DELETE_DEPENDENTS) return true;
    if (f === FINALIZER_ORPHAN_DEPENDENTS) return false;
  }
  return false;
}

/**
 * The object's finalizers with the garbage collector's two set as the options
 * ask; `changed` is false when the set stays the same.
 */
export function finalizersForGarbageCollection(
  finalizers: readonly string[],
  opts: DeleteOptions,
): { changed: boolean; finalizers: string[] } {
  const next = finalizers.filter((f) => f !== FINALIZER_ORPHAN_DEPENDENTS && f !== FINALIZER_DELETE_DEPENDENTS);
  if (shouldOrphanDependents(finalizers, opts)) next.push(FINALIZER_ORPHAN_DEPENDENTS);
  if (shouldDeleteDependents(finalizers, opts)) next.push(FINALIZER_DELETE_DEPENDENTS);
  const before = new Set(finalizers);
  const after = new Set(next);
  const changed = before.size !== after.size || [...after].some((f) => !before.has(f));
  return { changed, finalizers: changed ? next : [...finalizers] };
}

/**
 * Marks an object whose finalizers are pending: deletionTimestamp (kept if
 * already set), deletionGracePeriodSeconds 0, and, the first time, a
 * generation bump so controllers notice.
 */
export function markAsDeleting(meta: ObjectMeta): void {
  if (!meta.deletionTimestamp && (meta.generation ?? 0) > 0) meta.generation = (meta.generation ?? 0) + 1;
  if (!meta.deletionTimestamp) meta.deletionTimestamp = now();
  meta.deletionGracePeriodSeconds = 0;
}

/**
 * An update that empties the finalizers of an object marked for deletion
 * (with no grace period left) removes the object instead of storing it.
 */
export function shouldDeleteDuringUpdate(obj: KubeObject, old: KubeObject): boolean {
  if ((obj.metadata.finalizers ?? []).length > 0) return false;
  if (!old.metadata.deletionTimestamp) return false;
  return (old.metadata.deletionGracePeriodSeconds ?? 0) === 0;
}
