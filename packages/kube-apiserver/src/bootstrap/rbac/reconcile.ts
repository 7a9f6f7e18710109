// Bringing the stored default policy up to date on start (upstream:
// pkg/registry/rbac/reconciliation, in its additive mode): a missing object
// is created; an existing one keeps everything it has and gains what the
// default has and it lacks (labels, annotations, rules, aggregation
// selectors, binding subjects). A binding whose roleRef differs is replaced.
// An object annotated `rbac.authorization.kubernetes.io/autoupdate: "false"`
// is left as it is.

import { semanticEqual } from "@tskube/apimachinery";
import type { ClusterRole } from "../../apis/rbac/v1/clusterrole/schema.js";
import type { Binding } from "../../apis/rbac/v1/binding/defaults.js";
import type { Role } from "../../apis/rbac/v1/role/schema.js";
import { covers } from "../../rbac/covers.js";
import { AUTO_UPDATE_ANNOTATION } from "./policy.js";

export type Reconciliation<T> =
  | { operation: "none" }
  /** Left alone although it differs: its autoupdate annotation is "false". */
  | { operation: "protected" }
  | { operation: "update"; object: T; addedRules: number }
  /** Delete and create again (a binding's roleRef cannot change). */
  | { operation: "recreate"; object: T };

type Meta = { metadata: { labels?: Record<string, string> | undefined; annotations?: Record<string, string> | undefined } };

const isProtected = (obj: Meta): boolean => obj.metadata.annotations?.[AUTO_UPDATE_ANNOTATION] === "false";

/** Expected labels and annotations added; the existing values win. Returns whether anything was added. */
function mergeMetadata(target: Meta, expected: Meta): boolean {
  let changed = false;
  for (const field of ["labels", "annotations"] as const) {
    const merged = { ...expected.metadata[field], ...target.metadata[field] };
    if (!semanticEqual(merged, target.metadata[field] ?? {})) {
      target.metadata[field] = merged;
      changed = true;
    }
  }
  return changed;
}

/** A Role or ClusterRole with the default's missing rules (and, for ClusterRoles, aggregation selectors) added. */
export function reconcileRole<T extends Role | ClusterRole>(existing: T, expected: T): Reconciliation<T> {
  const role = structuredClone(existing);
  let changed = mergeMetadata(role, expected);

  const { missing } = covers(existing.rules ?? [], expected.rules ?? []);
  if (missing.length > 0) {
    role.rules = [...(role.rules ?? []), ...missing];
    changed = true;
  }

  if ("aggregationRule" in expected || "aggregationRule" in existing) {
    const want = (expected as ClusterRole).aggregationRule;
    const have = (role as ClusterRole).aggregationRule;
    if (want === undefined && have !== undefined) {
      // Not an aggregated role by default: it should not gather others' rules.
      delete (role as ClusterRole).aggregationRule;
      changed = true;
    } else if (want !== undefined) {
      const selectors = have?.clusterRoleSelectors ?? [];
      const missingSelectors = (want.clusterRoleSelectors ?? []).filter((s) => !selectors.some((h) => semanticEqual(h, s)));
      if (missingSelectors.length > 0) {
        (role as ClusterRole).aggregationRule = { clusterRoleSelectors: [...selectors, ...missingSelectors] };
        changed = true;
      }
    }
  }

  if (!changed) return { operation: "none" };
  if (isProtected(existing)) return { operation: "protected" };
  return { operation: "update", object: role, addedRules: missing.length };
}

/** A binding with the default's missing subjects added, or the default itself when the roleRef differs. */
export function reconcileBinding<T extends Binding & Meta>(existing: T, expected: T): Reconciliation<T> {
  if (!semanticEqual(existing.roleRef, expected.roleRef)) {
    return isProtected(existing) ? { operation: "protected" } : { operation: "recreate", object: expected };
  }
  const binding = structuredClone(existing);
  let changed = mergeMetadata(binding, expected);
  const subjects = binding.subjects ?? [];
  const missing = (expected.subjects ?? []).filter((s) => !subjects.some((have) => semanticEqual(have, s)));
  if (missing.length > 0) {
    binding.subjects = [...subjects, ...missing];
    changed = true;
  }
  if (!changed) return { operation: "none" };
  if (isProtected(existing)) return { operation: "protected" };
  return { operation: "update", object: binding, addedRules: 0 };
}
