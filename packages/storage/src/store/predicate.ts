// Matching objects against a SelectionPredicate (label and field selectors).

import type { KubeObject } from "@tskube/apimachinery";
import type { ObjectAttrs, SelectionPredicate } from "../interfaces.js";

/**
 * The key prefix a list or watch reads: a recursive read of `/pods/ns` must
 * not include `/pods/ns2/...`, so it gets a trailing slash.
 */
export function scopeKeyPrefix(fullPrefix: string, recursive: boolean): string {
  return recursive && !fullPrefix.endsWith("/") ? `${fullPrefix}/` : fullPrefix;
}

/** The fields every object can be selected by: metadata.name and metadata.namespace. */
export function defaultObjectAttrs(obj: KubeObject): ObjectAttrs {
  return {
    labels: obj.metadata?.labels ?? {},
    fields: {
      "metadata.name": obj.metadata?.name ?? "",
      "metadata.namespace": obj.metadata?.namespace ?? "",
    },
  };
}

/** True when the predicate selects every object (no label or field selector). */
export function predicateIsEverything(p: SelectionPredicate<never> | undefined): boolean {
  return !p || ((!p.label || p.label.empty()) && (!p.field || p.field.empty()));
}

export function predicateMatches<T extends KubeObject>(p: SelectionPredicate<T> | undefined, obj: T): boolean {
  if (!p) return true;
  const { label, field } = p;
  const byLabel = label !== undefined && !label.empty();
  const byField = field !== undefined && !field.empty();
  if (!byLabel && !byField) return true;
  const attrs = (p.getAttrs ?? defaultObjectAttrs)(obj);
  return (!byLabel || label.matches(attrs.labels)) && (!byField || field.matches(attrs.fields));
}
