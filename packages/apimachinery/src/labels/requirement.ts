// One requirement of a label selector: a key, an operator and values, e.g.
// `tier in (db,web)`. A selector matches when all its requirements do.

import { FieldPath, invalid, notSupported, aggregateMessages, type FieldError } from "../validation/field-errors.js";
import { isQualifiedName, isValidLabelValue } from "../validation/names.js";

/** Operators as upstream spells them (selection.Operator). */
export type LabelOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

/** All operators a requirement may use, in upstream's order (used in error messages). */
export const BINARY_LABEL_OPERATORS: readonly LabelOperator[] = ["in", "notin", "=", "==", "!=", "gt", "lt"];
const UNARY_LABEL_OPERATORS: readonly LabelOperator[] = ["exists", "!"];

/** A set of labels, as found in `metadata.labels`. */
export type Labels = Readonly<Record<string, string>>;

/** An error in a selector's text or contents; the message is upstream's and becomes a 400 BadRequest. */
export class SelectorError extends Error {
  override readonly name = "SelectorError";
}

/** Upstream prints a missing path as `<nil>`; the parser validates keys with no path. */
export function pathText(path: FieldPath | undefined): string {
  return path === undefined ? "<nil>" : path.toString();
}

function childOf(path: FieldPath | undefined, name: string): FieldPath {
  return path === undefined ? FieldPath.root(name) : path.child(name);
}

/** The key must be a qualified name; returns the error, if any. */
export function checkLabelKey(key: string, path: string | FieldPath): FieldError | undefined {
  const errs = isQualifiedName(key);
  return errs.length > 0 ? invalid(path, key, errs.join("; ")) : undefined;
}

function checkLabelValue(key: string, value: string, path: FieldPath): FieldError | undefined {
  const errs = isValidLabelValue(value);
  return errs.length > 0 ? invalid(path.key(key), value, errs.join("; ")) : undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Parses a base-10 signed 64-bit integer as Go's strconv.ParseInt does, or undefined. */
function parseInt64(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

export class LabelRequirement {
  /** Use newLabelRequirement, which validates. */
  constructor(
    readonly key: string,
    readonly operator: LabelOperator,
    readonly values: readonly string[],
  ) {}

  matches(labels: Labels | undefined): boolean {
    const has = labels !== undefined && Object.hasOwn(labels, this.key);
    const value = has ? labels[this.key] : undefined;
    switch (this.operator) {
      case "=":
      case "==":
      case "in":
        return value !== undefined && this.values.includes(value);
      case "!=":
      case "notin":
        return value === undefined || !this.values.includes(value);
      case "exists":
        return has;
      case "!":
        return !has;
      case "gt":
      case "lt": {
        if (value === undefined || this.values.length !== 1) return false;
        const actual = parseInt64(value);
        const bound = parseInt64(this.values[0] ?? "");
        if (actual === undefined || bound === undefined) return false;
        return this.operator === "gt" ? actual > bound : actual < bound;
      }
    }
  }

  /** Prints as in a selector: `a=b`, `a!=b`, `a in (x,y)`, `a`, `!a`, `a>5`. Set values print sorted. */
  toString(): string {
    const values = this.values.length > 1 ? [...this.values].sort() : this.values;
    const joined = values.join(",");
    switch (this.operator) {
      case "exists":
        return this.key;
      case "!":
        return `!${this.key}`;
      case "in":
        return `${this.key} in (${joined})`;
      case "notin":
        return `${this.key} notin (${joined})`;
      case "gt":
        return `${this.key}>${joined}`;
      case "lt":
        return `${this.key}<${joined}`;
      default:
        return `${this.key}${this.operator}${joined}`;
    }
  }
}

/** The checks upstream's NewRequirement makes, as field errors under `path` (no path: `key`, `values[0][k]`). */
export function checkRequirement(
  key: string,
  operator: string,
  values: readonly string[],
  path?: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const keyErr = checkLabelKey(key, childOf(path, "key"));
  if (keyErr) errs.push(keyErr);

  const valuesPath = childOf(path, "values");
  // Upstream reports a missing list as `null` (a nil slice), never `[]`.
  const shown = values.length === 0 ? null : values;
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) errs.push(invalid(valuesPath, shown, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) errs.push(invalid(valuesPath, shown, "exact-match compatibility requires one single value"));
      break;
    case "exists":
    case "!":
      if (values.length !== 0) {
        errs.push(invalid(valuesPath, values, "values set must be empty for exists and does not exist"));
      }
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) {
        errs.push(invalid(valuesPath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      values.forEach((value, i) => {
        if (parseInt64(value) === undefined) {
          errs.push(invalid(valuesPath.index(i), value, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(notSupported(childOf(path, "operator"), operator, [...BINARY_LABEL_OPERATORS, ...UNARY_LABEL_OPERATORS]));
  }

  values.forEach((value, i) => {
    const valueErr = checkLabelValue(key, value, valuesPath.index(i));
    if (valueErr) errs.push(valueErr);
  });
  return errs;
}

/**
 * Builds a validated requirement (upstream's NewRequirement). Throws a
 * SelectorError whose message lists every problem, as upstream's aggregate does.
 */
export function newLabelRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[],
  path?: FieldPath,
): LabelRequirement {
  const errs = checkRequirement(key, operator, values, path);
  if (errs.length > 0) throw new SelectorError(aggregateMessages(errs.map((e) => e.toString())));
  return new LabelRequirement(key, operator, [...values]);
}
