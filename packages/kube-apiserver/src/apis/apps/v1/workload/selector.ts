// The label selector of a workload (spec.selector): which pods it owns. It
// must select the pod template's labels, and in apps/v1 it cannot change
// after creation (upstream: ValidateDeploymentSpec and friends, and the
// strategies' ValidateUpdate).

import {
  type FieldError,
  type FieldPath,
  type LabelSelector,
  type MetaLabelSelector,
  labelSelectorFromMeta,
  required,
  validateLabelSelector,
} from "@tskube/apimachinery";
import { goLabelSelector, goStringMap, invalidGo } from "./go-value.js";

/**
 * The selector as a parsed LabelSelector (a missing one selects nothing), or
 * undefined when it cannot be parsed (an unknown operator, an invalid key or value).
 */
export function parseSelector(selector: MetaLabelSelector | undefined): LabelSelector | undefined {
  try {
    return labelSelectorFromMeta(selector);
  } catch {
    return undefined;
  }
}

/** The selector as text (`app=web,tier in (a,b)`), as Scale's status.selector and the printers show it. */
export function selectorString(selector: MetaLabelSelector | undefined): string {
  return parseSelector(selector)?.toString() ?? "";
}

/**
 * A selector that must be given and must not be empty (Deployment,
 * ReplicaSet, StatefulSet). `kindWord` ends upstream's message: "empty
 * selector is invalid for <kindWord>".
 */
export function validateRequiredSelector(selector: MetaLabelSelector | undefined, path: FieldPath, kindWord: string): FieldError[] {
  if (selector === undefined) return [required(path)];
  const errs = validateLabelSelector(selector, path);
  if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errs.push(invalidGo(path, goLabelSelector(selector), `empty selector is invalid for ${kindWord}`));
  }
  return errs;
}

/** The template's labels must be selected (`path` is the template's). An empty selector is not checked. */
export function validateTemplateLabelsMatch(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> | undefined,
  path: FieldPath,
  opts: { evenWhenEmpty?: boolean } = {},
): FieldError[] {
  if (selector.empty() && !opts.evenWhenEmpty) return [];
  return selector.matches(labels) ? [] : [invalidGo(path.child("metadata", "labels"), goStringMap(labels), "`selector` does not match template `labels`")];
}

/** Upstream's semantic equality for selectors: an empty list or map equals a missing one. */
function sameSelector(a: MetaLabelSelector | undefined, b: MetaLabelSelector | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const norm = (s: MetaLabelSelector) =>
    JSON.stringify({
      labels: Object.entries(s.matchLabels ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
      exprs: (s.matchExpressions ?? []).map((r) => [r.key, r.operator, r.values ?? []]),
    });
  return norm(a) === norm(b);
}

/** apps/v1 selectors are immutable: `spec.selector: Invalid value: v1.LabelSelector{...}: field is immutable`. */
export function validateImmutableSelector(next: MetaLabelSelector | undefined, old: MetaLabelSelector | undefined, path: FieldPath): FieldError[] {
  return sameSelector(next, old) ? [] : [invalidGo(path, goLabelSelector(next), "field is immutable")];
}
