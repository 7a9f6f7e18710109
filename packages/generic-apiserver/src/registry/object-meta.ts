// The metadata rules every resource shares (upstream: rest.BeforeCreate and
// rest.BeforeUpdate, plus ValidateObjectMetaAccessorUpdate): fields only the
// server sets, the request's namespace, and what an update may not change.

import { randomUUID } from "node:crypto";
import {
  type FieldError,
  FieldPath,
  type ObjectMeta,
  forbidden,
  invalid,
  newBadRequest,
  now,
} from "@tskube/apimachinery";

const NAMESPACE_MISMATCH = "the namespace of the provided object does not match the namespace sent on the request";
const FIELD_IMMUTABLE = "field is immutable";

/** A new object's identity: a fresh uid and the creation time; deletion fields cannot be set by a create. */
export function fillCreateSystemFields(meta: ObjectMeta): void {
  meta.uid = randomUUID();
  meta.creationTimestamp = now();
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
}

/**
 * The object's namespace must be the request's: an empty one is filled in,
 * a cluster-scoped object loses any namespace, and a different one is a 400.
 */
export function ensureRequestNamespace(meta: ObjectMeta, requestNamespace: string, namespaced: boolean): void {
  const expected = namespaced ? requestNamespace : "";
  const actual = meta.namespace ?? "";
  if (actual === expected) return;
  if (actual === "" || expected === "") {
    if (expected === "") delete meta.namespace;
    else meta.namespace = expected;
    return;
  }
  throw newBadRequest(NAMESPACE_MISMATCH);
}

/**
 * The body of a PUT (or the result of a PATCH) must name the object in the URL.
 * The namespace is only compared when both are set; ensureRequestNamespace fills in the rest.
 */
export function checkNameMatchesRequest(meta: ObjectMeta, name: string, requestNamespace: string): void {
  const objName = meta.name ?? "";
  if (objName !== name) {
    throw newBadRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
  }
  const objNamespace = meta.namespace ?? "";
  if (requestNamespace !== "" && objNamespace !== "" && objNamespace !== requestNamespace) {
    throw newBadRequest(
      `the namespace of the object (${objNamespace}) does not match the namespace on the request (${requestNamespace})`,
    );
  }
}

/**
 * What an update keeps from the stored object no matter what the client sent:
 * creationTimestamp, deletionTimestamp, an omitted uid, and an omitted
 * deletionGracePeriodSeconds. (Generation is the registry's, see spec-status.ts.)
 */
export function keepSystemFieldsOnUpdate(meta: ObjectMeta, old: ObjectMeta): void {
  if (!meta.uid && old.uid) meta.uid = old.uid;
  if (old.creationTimestamp) meta.creationTimestamp = old.creationTimestamp;
  if (old.deletionTimestamp) meta.deletionTimestamp = old.deletionTimestamp;
  if (old.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds === undefined) {
    meta.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds;
  }
}

/** A Go-style rendering of a string list, as upstream prints it in messages: `[]string{"a", "b"}`. */
function goStringList(values: string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(", ")}}`;
}

/**
 * The rules an update adds to the create-time metadata validation: identity
 * fields are immutable, generation never goes down, and an object that is
 * being deleted accepts no new finalizers.
 */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta): FieldError[] {
  const base = FieldPath.root("metadata");
  const errs: FieldError[] = [];

  if (old.deletionTimestamp) {
    const before = new Set(old.finalizers ?? []);
    const added = [...new Set((meta.finalizers ?? []).filter((f) => !before.has(f)))].sort();
    if (added.length > 0) {
      errs.push(
        forbidden(
          base.child("finalizers"),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringList(added)}`,
        ),
      );
    }
  }
  if ((meta.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(invalid(base.child("generation"), meta.generation ?? 0, "must not be decremented"));
  }
  const immutable = ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"] as const;
  for (const field of immutable) {
    if ((meta[field] ?? "") !== (old[field] ?? "")) {
      errs.push(invalid(base.child(field), meta[field] ?? null, FIELD_IMMUTABLE));
    }
  }
  return errs;
}
