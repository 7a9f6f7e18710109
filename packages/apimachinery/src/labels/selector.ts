// Label selectors: parse `?labelSelector=` text, match it against an object's
// labels, and print it back in canonical form (requirements sorted by key).
//
//   parseLabelSelector("app=web,tier in (db,cache),!canary")
//
// Malformed text throws a 400 BadRequest whose message is upstream's parse
// error, e.g. `unable to parse requirement: found '', expected: identifier`.

import { newBadRequest } from "../api/errors.js";
import type { MetaLabelSelector } from "../apis/meta/v1/label-selector.js";
import { parseRequirements } from "./parser.js";
import { LabelRequirement, newLabelRequirement, SelectorError, type LabelOperator, type Labels } from "./requirement.js";

export { LabelRequirement, newLabelRequirement, SelectorError };
export type { LabelOperator, Labels };

/** A parsed label selector. All requirements must hold (comma means AND). */
export interface LabelSelector {
  /** True when every requirement holds for these labels (an object without labels has none). */
  matches(labels: Labels | undefined): boolean;
  /** True when the selector does not restrict anything (it matches every object). */
  empty(): boolean;
  /** Canonical text: requirements sorted by key, set values sorted, e.g. `app=web,tier in (a,b)`. */
  toString(): string;
  /**
   * The requirements, sorted by key. Empty both for "everything" and for the
   * selector that matches nothing; tell them apart with empty().
   */
  requirements(): readonly LabelRequirement[];
  /** The value `label` must have (`label=v`, `label==v` or `label in (v)`), if the selector pins one. */
  requiresExactMatch(label: string): string | undefined;
  /** A new selector with these requirements added. */
  add(...requirements: LabelRequirement[]): LabelSelector;
}

const byKey = (a: LabelRequirement, b: LabelRequirement): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The usual selector: a list of requirements kept sorted by key (stable for equal keys). */
class RequirementsSelector implements LabelSelector {
  private readonly reqs: readonly LabelRequirement[];

  constructor(requirements: readonly LabelRequirement[]) {
    this.reqs = [...requirements].sort(byKey);
  }

  matches(labels: Labels | undefined): boolean {
    return this.reqs.every((r) => r.matches(labels));
  }

  empty(): boolean {
    return this.reqs.length === 0;
  }

  toString(): string {
    return this.reqs.map((r) => r.toString()).join(",");
  }

  requirements(): readonly LabelRequirement[] {
    return this.reqs;
  }

  requiresExactMatch(label: string): string | undefined {
    // Only the first requirement on the key counts, as upstream.
    const req = this.reqs.find((r) => r.key === label);
    if (req === undefined) return undefined;
    const pins = req.operator === "=" || req.operator === "==" || req.operator === "in";
    return pins && req.values.length === 1 ? req.values[0] : undefined;
  }

  add(...requirements: LabelRequirement[]): LabelSelector {
    return new RequirementsSelector([...this.reqs, ...requirements]);
  }
}

/** Matches no object at all; what a missing (null) metav1.LabelSelector means. */
class NothingSelector implements LabelSelector {
  matches(): boolean {
    return false;
  }
  empty(): boolean {
    return false;
  }
  toString(): string {
    return "";
  }
  requirements(): readonly LabelRequirement[] {
    return [];
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
  add(): LabelSelector {
    return this;
  }
}

const everything: LabelSelector = new RequirementsSelector([]);
const nothing: LabelSelector = new NothingSelector();

/** The selector that matches every object (what an empty `labelSelector` means). */
export function everythingLabelSelector(): LabelSelector {
  return everything;
}

/** The selector that matches no object. */
export function nothingLabelSelector(): LabelSelector {
  return nothing;
}

/**
 * Parses label selector text. The empty string (or only whitespace) selects
 * everything. Throws a BadRequest StatusError with upstream's message when the
 * text is malformed or a key or value is invalid.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  try {
    return new RequirementsSelector(parseRequirements(selector));
  } catch (err) {
    if (err instanceof SelectorError) throw newBadRequest(err.message);
    throw err;
  }
}

/**
 * A selector requiring exactly these labels (`key=value` for each). No
 * validation, like upstream's SelectorFromSet; an empty set selects everything.
 */
export function labelSelectorFromSet(set: Labels | undefined): LabelSelector {
  const entries = Object.entries(set ?? {});
  return new RequirementsSelector(entries.map(([key, value]) => new LabelRequirement(key, "=", [value])));
}

const META_OPERATORS: ReadonlyMap<string, LabelOperator> = new Map<string, LabelOperator>([
  ["In", "in"],
  ["NotIn", "notin"],
  ["Exists", "exists"],
  ["DoesNotExist", "!"],
]);

/**
 * Converts a spec's metav1.LabelSelector (matchLabels + matchExpressions) into
 * a selector, as upstream's LabelSelectorAsSelector: a missing selector matches
 * nothing, an empty one everything. Throws a BadRequest StatusError with
 * upstream's message for an unknown operator or an invalid key or value.
 */
export function labelSelectorFromMeta(selector: MetaLabelSelector | null | undefined): LabelSelector {
  if (selector === null || selector === undefined) return nothing;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return everything;
  try {
    const reqs: LabelRequirement[] = [];
    // Go visits matchLabels in random order; sorting makes the first error reported deterministic.
    for (const [key, value] of matchLabels.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      reqs.push(newLabelRequirement(key, "=", [value]));
    }
    for (const expr of expressions) {
      const operator = META_OPERATORS.get(expr.operator);
      if (operator === undefined) {
        throw new SelectorError(`${JSON.stringify(expr.operator)} is not a valid pod selector operator`);
      }
      reqs.push(newLabelRequirement(expr.key, operator, expr.values ?? []));
    }
    return new RequirementsSelector(reqs);
  } catch (err) {
    if (err instanceof SelectorError) throw newBadRequest(err.message);
    throw err;
  }
}

/**
 * A spec's label selector as `kubectl get -o wide` prints it (upstream:
 * FormatLabelSelector): the canonical text, `<none>` when it selects nothing
 * or everything, `<error>` when it is malformed.
 */
export function formatLabelSelector(selector: MetaLabelSelector | null | undefined): string {
  let text: string;
  try {
    text = labelSelectorFromMeta(selector).toString();
  } catch {
    return "<error>";
  }
  return text === "" ? "<none>" : text;
}
