// Field selectors: `?fieldSelector=metadata.name=x,status.phase!=Running`.
// Simpler than label selectors: only `=`, `==` (same as `=`) and `!=`, ANDed
// by commas. In a value, `\`, `,` and `=` are written `\\`, `\,` and `\=`.
//
// A field that an object does not have counts as the empty string, so
// `spec.nodeName=` matches unscheduled pods.
//
// Malformed text throws a 400 BadRequest with upstream's message, e.g.
// `invalid selector: 'x'; can't understand 'x'`.

import { newBadRequest } from "../api/errors.js";

/** Field values of one object, keyed by field path (`metadata.name`, `spec.nodeName`, ...). */
export type Fields = Readonly<Record<string, string>>;

export type FieldOperator = "=" | "!=";

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  /** The literal value, unescaped. */
  readonly value: string;
}

/** Rewrites one requirement, e.g. to map a legacy field name; may throw to reject it. */
export type FieldTransform = (field: string, value: string) => { field: string; value: string };

/** A parsed field selector. All requirements must hold. */
export interface FieldSelector {
  /** True when every requirement holds for these field values. */
  matches(fields: Fields): boolean;
  /** True when the selector does not restrict anything. */
  empty(): boolean;
  /** Text form with values escaped, e.g. `metadata.name=a\,b`; `==` prints as `=`. */
  toString(): string;
  requirements(): readonly FieldRequirement[];
  /** The value `field` must equal, if some requirement pins it with `=`. */
  requiresExactMatch(field: string): string | undefined;
  /** A copy with `fn` applied to each requirement; one turned into empty field and value is dropped. */
  transform(fn: FieldTransform): FieldSelector;
}

// ---- escaping ------------------------------------------------------------------

/** Escapes a literal for use as a selector value: `\` -> `\\`, `,` -> `\,`, `=` -> `\=`. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

/**
 * Reverses escapeFieldValue. Throws a BadRequest StatusError for an unknown
 * escape (`\x`), a trailing `\`, or an unescaped `,` or `=`.
 */
export function unescapeFieldValue(value: string): string {
  let out = "";
  let escaping = false;
  for (const ch of value) {
    if (escaping) {
      if (ch !== "\\" && ch !== "," && ch !== "=") {
        throw newBadRequest(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      escaping = false;
    } else if (ch === "\\") {
      escaping = true;
    } else if (ch === "," || ch === "=") {
      // Upstream prints the character as its code point number (e.g. 61 for '=').
      throw newBadRequest(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (escaping) throw newBadRequest("invalid field selector: invalid escape sequence: \\");
  return out;
}

// ---- the selector -------------------------------------------------------------------

function requirementString(r: FieldRequirement): string {
  return `${r.field}${r.operator}${escapeFieldValue(r.value)}`;
}

/** Requirements kept in the order given (the parser sorts its terms first, as upstream). */
class TermsSelector implements FieldSelector {
  constructor(private readonly terms: readonly FieldRequirement[]) {}

  matches(fields: Fields): boolean {
    return this.terms.every((t) => {
      const actual = Object.hasOwn(fields, t.field) ? fields[t.field] : "";
      return t.operator === "=" ? actual === t.value : actual !== t.value;
    });
  }

  empty(): boolean {
    return this.terms.length === 0;
  }

  toString(): string {
    return this.terms.map(requirementString).join(",");
  }

  requirements(): readonly FieldRequirement[] {
    return this.terms;
  }

  requiresExactMatch(field: string): string | undefined {
    return this.terms.find((t) => t.field === field && t.operator === "=")?.value;
  }

  transform(fn: FieldTransform): FieldSelector {
    const next: FieldRequirement[] = [];
    for (const term of this.terms) {
      const { field, value } = fn(term.field, term.value);
      if (field !== "" || value !== "") next.push({ field, operator: term.operator, value });
    }
    return new TermsSelector(next);
  }
}

const everything: FieldSelector = new TermsSelector([]);

/** The selector that matches every object (what an empty `fieldSelector` means). */
export function everythingFieldSelector(): FieldSelector {
  return everything;
}

/** `field=value`, e.g. `oneTermEqualFieldSelector("metadata.name", name)`. */
export function oneTermEqualFieldSelector(field: string, value: string): FieldSelector {
  return new TermsSelector([{ field, operator: "=", value }]);
}

/** A selector requiring `field=value` for every entry; an empty or missing set selects everything. */
export function fieldSelectorFromSet(set: Fields | undefined): FieldSelector {
  const entries = Object.entries(set ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new TermsSelector(entries.map(([field, value]) => ({ field, operator: "=" as const, value })));
}

/** A selector requiring all of the given ones. */
export function andFieldSelectors(...selectors: FieldSelector[]): FieldSelector {
  return new TermsSelector(selectors.flatMap((s) => s.requirements()));
}

/** Splits on commas that are not escaped; escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector === "") return [];
  const terms: string[] = [];
  let start = 0;
  let escaping = false;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector.charAt(i);
    if (escaping) escaping = false;
    else if (ch === "\\") escaping = true;
    else if (ch === ",") {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// `!=` and `==` are tried before `=` at each position so `a==b` does not leave `=b` as the value.
const TERM_OPERATORS = ["!=", "==", "="] as const;

/** Splits a term at its first operator; the field part cannot contain escapes. */
function splitTerm(term: string): { field: string; operator: (typeof TERM_OPERATORS)[number]; rawValue: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of TERM_OPERATORS) {
      if (term.startsWith(operator, i)) {
        return { field: term.slice(0, i), operator, rawValue: term.slice(i + operator.length) };
      }
    }
  }
  return undefined;
}

/**
 * Parses field selector text; "" selects everything. Terms are sorted as text
 * before parsing, so the printed form is canonical. Throws a BadRequest
 * StatusError with upstream's message for malformed text.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const terms = splitTerms(selector).sort();
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === "") continue;
    const parts = splitTerm(term);
    if (parts === undefined) throw newBadRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const value = unescapeFieldValue(parts.rawValue);
    requirements.push({ field: parts.field, operator: parts.operator === "!=" ? "!=" : "=", value });
  }
  return new TermsSelector(requirements);
}
