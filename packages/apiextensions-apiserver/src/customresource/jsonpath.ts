// The JSONPath that printer columns and selectable fields use (upstream:
// client-go util/jsonpath, with missing keys allowed): what is inside
// kubectl's `{...}`, e.g. `.spec.replicas`, `.status.conditions[?(@.type=="Ready")].status`,
// `.metadata.labels['app\.kubernetes\.io/name']`, `.spec.items[*].name`.
//
// Supported: `.field`, `['field']` / `["field"]`, `[n]` (negative counts
// from the end), `[a:b]`, `[*]` and `.*`, `..field` (at any depth), and
// filters `[?(@.path op literal)]` with ==, !=, <, <=, >, >= (or `[?(@.path)]`:
// the path exists). A path that reaches nothing gives no values.

import { isObject } from "../schema/json.js";

type Step =
  | { kind: "field"; name: string }
  | { kind: "recursive"; name: string }
  | { kind: "wildcard" }
  | { kind: "index"; index: number }
  | { kind: "slice"; start: number | undefined; end: number | undefined; step: number }
  | { kind: "filter"; path: Step[]; op?: FilterOp; literal?: unknown };

type FilterOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

export class JSONPathError extends Error {
  override readonly name = "JSONPathError";
}

/** A parsed path; `find` evaluates it. Throws JSONPathError for a malformed path. */
export class JSONPath {
  private readonly steps: Step[];

  constructor(readonly source: string) {
    // kubectl's form with braces is accepted too: `{.spec.replicas}`.
    const text = source.trim().replace(/^\{(.*)\}$/s, "$1");
    const parser = new Parser(text);
    this.steps = parser.path(false);
    if (!parser.done()) throw new JSONPathError(`unexpected ${JSON.stringify(parser.rest())} in ${JSON.stringify(source)}`);
  }

  /** Every value the path reaches in `value`, in document order. */
  find(value: unknown): unknown[] {
    return evaluate(this.steps, [value]);
  }

  /** The first value the path reaches, or undefined. */
  first(value: unknown): unknown {
    return this.find(value)[0];
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  /** Steps until the end, or (inside a filter) until an operator or `)`. */
  path(inFilter: boolean): Step[] {
    const steps: Step[] = [];
    while (!this.done()) {
      const c = this.text[this.pos];
      if (inFilter && (c === ")" || c === " " || c === "=" || c === "!" || c === "<" || c === ">")) break;
      if (c === ".") {
        if (this.text[this.pos + 1] === ".") {
          this.pos += 2;
          steps.push({ kind: "recursive", name: this.identifier() });
        } else {
          this.pos++;
          if (this.text[this.pos] === "*") {
            this.pos++;
            steps.push({ kind: "wildcard" });
          } else if (this.done() || this.text[this.pos] === "[") {
            // `.` alone (the object itself), or `.[0]`.
          } else steps.push({ kind: "field", name: this.identifier() });
        }
      } else if (c === "[") steps.push(this.bracket());
      else if (c === "@" && steps.length === 0 && inFilter) this.pos++;
      else throw new JSONPathError(`unrecognized character ${JSON.stringify(c)} at ${this.pos} in ${JSON.stringify(this.text)}`);
    }
    return steps;
  }

  private identifier(): string {
    const m = /^[^.[\]()=!<> ]+/.exec(this.rest());
    if (!m) throw new JSONPathError(`missing field name at ${this.pos} in ${JSON.stringify(this.text)}`);
    this.pos += m[0].length;
    return m[0];
  }

  private bracket(): Step {
    this.pos++; // [
    let step: Step;
    const c = this.text[this.pos];
    if (c === "'" || c === '"') step = { kind: "field", name: this.quoted() };
    else if (c === "*") {
      this.pos++;
      step = { kind: "wildcard" };
    } else if (c === "?") step = this.filter();
    else step = this.indexOrSlice();
    this.expect("]");
    return step;
  }

  private quoted(): string {
    const quote = this.text[this.pos];
    this.pos++;
    let out = "";
    while (!this.done() && this.text[this.pos] !== quote) {
      const ch = this.text[this.pos]!;
      if (ch === "\\" && this.pos + 1 < this.text.length) {
        out += this.text[this.pos + 1];
        this.pos += 2;
      } else {
        out += ch;
        this.pos++;
      }
    }
    if (this.done()) throw new JSONPathError(`unterminated string in ${JSON.stringify(this.text)}`);
    this.pos++;
    return out;
  }

  private indexOrSlice(): Step {
    const m = /^(-?\d*)(?::(-?\d*))?(?::(-?\d*))?/.exec(this.rest());
    if (!m || m[0] === "") throw new JSONPathError(`invalid array index at ${this.pos} in ${JSON.stringify(this.text)}`);
    this.pos += m[0].length;
    const num = (s: string | undefined) => (s === undefined || s === "" ? undefined : Number(s));
    if (!m[0].includes(":")) return { kind: "index", index: Number(m[1]) };
    return { kind: "slice", start: num(m[1]), end: num(m[2]), step: num(m[3]) ?? 1 };
  }

  private filter(): Step {
    this.pos++; // ?
    this.expect("(");
    this.skipSpaces();
    if (this.text[this.pos] !== "@") throw new JSONPathError(`a filter must start with @ in ${JSON.stringify(this.text)}`);
    const path = this.path(true);
    this.skipSpaces();
    let op: FilterOp | undefined;
    let literal: unknown;
    const m = /^(==|!=|<=|>=|<|>)/.exec(this.rest());
    if (m) {
      op = m[1] as FilterOp;
      this.pos += m[1]!.length;
      this.skipSpaces();
      literal = this.literal();
      this.skipSpaces();
    }
    this.expect(")");
    return { kind: "filter", path, ...(op !== undefined ? { op, literal } : {}) };
  }

  private literal(): unknown {
    const c = this.text[this.pos];
    if (c === "'" || c === '"') return this.quoted();
    const m = /^(true|false|null|-?\d+(?:\.\d+)?)/.exec(this.rest());
    if (!m) throw new JSONPathError(`invalid filter value at ${this.pos} in ${JSON.stringify(this.text)}`);
    this.pos += m[0].length;
    return JSON.parse(m[0]);
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === " ") this.pos++;
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new JSONPathError(`expected ${JSON.stringify(ch)} at ${this.pos} in ${JSON.stringify(this.text)}`);
    this.pos++;
  }
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value);
  return [];
}

function evaluate(steps: readonly Step[], values: unknown[]): unknown[] {
  let current = values;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) next.push(...apply(step, value));
    current = next;
  }
  return current;
}

function apply(step: Step, value: unknown): unknown[] {
  switch (step.kind) {
    case "field":
      return isObject(value) && Object.hasOwn(value, step.name) ? [value[step.name]] : [];
    case "recursive": {
      const out: unknown[] = [];
      const walk = (v: unknown) => {
        if (isObject(v) && Object.hasOwn(v, step.name)) out.push(v[step.name]);
        for (const child of children(v)) walk(child);
      };
      walk(value);
      return out;
    }
    case "wildcard":
      return children(value);
    case "index": {
      if (!Array.isArray(value)) return [];
      const i = step.index < 0 ? value.length + step.index : step.index;
      return i >= 0 && i < value.length ? [value[i]] : [];
    }
    case "slice": {
      if (!Array.isArray(value)) return [];
      const len = value.length;
      const clamp = (n: number) => Math.max(0, Math.min(len, n < 0 ? len + n : n));
      const start = clamp(step.start ?? 0);
      const end = clamp(step.end ?? len);
      const out: unknown[] = [];
      for (let i = start; i < end; i += Math.max(1, step.step)) out.push(value[i]);
      return out;
    }
    case "filter":
      return children(value).filter((item) => matches(step, item));
  }
}

function matches(step: Extract<Step, { kind: "filter" }>, item: unknown): boolean {
  const found = evaluate(step.path, [item]);
  if (step.op === undefined) return found.length > 0;
  return found.some((v) => compare(v, step.op!, step.literal));
}

function compare(a: unknown, op: FilterOp, b: unknown): boolean {
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    default: {
      if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) return false;
      const x = a as number | string;
      const y = b as number | string;
      return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
    }
  }
}

/**
 * A value as kubectl's JSONPath prints it: strings as they are, lists and
 * objects as JSON, other scalars as text.
 */
export function printValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
