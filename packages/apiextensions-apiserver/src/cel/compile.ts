// Compiling a schema node's x-kubernetes-validations (upstream:
// apiextensions-apiserver/pkg/apiserver/schema/cel/compilation.go): parse,
// type-check with `self` (and `oldSelf`) typed from the schema, check that a
// rule yields a bool and a messageExpression a string, and estimate costs.
// Errors are worded as upstream words them on the CRD:
//
//   compilation failed: ERROR: <input>:1:6: undefined field 'foo'
//    | self.foo > 0
//    | .....^

import type { Structural } from "../schema/structural.js";
import type { ValidationRule } from "../schema/types.js";
import { CELSyntaxError, type Node, parseCEL, walk } from "./ast.js";
import { type CheckIssue, check } from "./checker.js";
import { estimateCost } from "./cost.js";
import type { Program } from "./interpreter.js";
import { resolveFieldPath } from "../schema/field-path.js";
import { celTypeOf } from "./schema-types.js";
import { type CelType, T } from "./types.js";

/** What CRD validation needs to know about a rule. */
export interface RuleCompilation {
  error?: { type: "required" | "invalid"; detail: string };
  messageExpressionError?: { detail: string };
  /** Estimated most one evaluation can cost. */
  maxCost: number;
  messageExpressionMaxCost?: number;
  usesOldSelf: boolean;
}

/** A rule ready to run. */
export interface CompiledRule extends RuleCompilation {
  rule: ValidationRule;
  program?: Program;
  messageExpression?: Program;
  /** The rule's fieldPath as a field path relative to its node (`spec.x`), if it has one. */
  fieldPath?: string;
}

const cache = new WeakMap<Structural, { root: CompiledRule[]; nested: CompiledRule[] }>();

/** The rules of one schema node, compiled (cached per schema object). */
export function compiledRulesOf(s: Structural, isResourceRoot: boolean): CompiledRule[] {
  let entry = cache.get(s);
  if (!entry) cache.set(s, (entry = { root: [], nested: [] }));
  const key = isResourceRoot ? "root" : "nested";
  if (entry[key].length === 0 && s.xValidations?.length) entry[key] = compileAll(s, isResourceRoot);
  return entry[key];
}

export function compileRules(s: Structural, opts: { isResourceRoot?: boolean } = {}): RuleCompilation[] {
  return compileAll(s, opts.isResourceRoot === true);
}

function compileAll(s: Structural, isResourceRoot: boolean): CompiledRule[] {
  const selfType = celTypeOf(s, isResourceRoot);
  return (s.xValidations ?? []).map((rule) => compileRule(rule, s, selfType));
}

function compileRule(rule: ValidationRule, s: Structural, selfType: CelType): CompiledRule {
  const out: CompiledRule = { rule, maxCost: 0, usesOldSelf: false };
  if (rule.fieldPath) {
    const fp = resolveFieldPath(rule.fieldPath, s);
    if (fp !== undefined) out.fieldPath = fp;
  }
  const source = rule.rule;
  if (source.trim() === "") return out;
  let root: Node;
  try {
    root = parseCEL(source);
  } catch (err) {
    if (!(err instanceof CELSyntaxError)) throw err;
    out.error = { type: "invalid", detail: `compilation failed: ${formatIssues(source, [{ pos: err.offset, message: `Syntax error: ${err.message}` }])}` };
    return out;
  }
  out.usesOldSelf = usesVariable(root, "oldSelf");
  const oldSelfType = rule.optionalOldSelf ? T.optional(selfType) : selfType;
  const vars = new Map<string, CelType>([["self", selfType], ["oldSelf", oldSelfType]]);
  const checked = check(root, vars);
  if (checked.issues.length > 0) {
    out.error = { type: "invalid", detail: `compilation failed: ${formatIssues(source, checked.issues)}` };
    return out;
  }
  const result = checked.types.get(root)!;
  if (result.kind !== "bool" && result.kind !== "dyn") {
    out.error = { type: "invalid", detail: "cel expression must evaluate to a bool" };
    return out;
  }
  out.program = { root, checked };
  out.maxCost = estimateCost(root, checked);

  if (rule.messageExpression && rule.messageExpression.trim() !== "") {
    const m = compileMessageExpression(rule.messageExpression, vars);
    if ("error" in m) out.messageExpressionError = { detail: m.error };
    else {
      out.messageExpression = m.program;
      out.messageExpressionMaxCost = m.cost;
    }
  }
  return out;
}

function compileMessageExpression(source: string, vars: Map<string, CelType>): { program: Program; cost: number } | { error: string } {
  let root: Node;
  try {
    root = parseCEL(source);
  } catch (err) {
    if (!(err instanceof CELSyntaxError)) throw err;
    return { error: `messageExpression compilation failed: ${formatIssues(source, [{ pos: err.offset, message: `Syntax error: ${err.message}` }])}` };
  }
  const checked = check(root, vars);
  if (checked.issues.length > 0) return { error: `messageExpression compilation failed: ${formatIssues(source, checked.issues)}` };
  const t = checked.types.get(root)!;
  if (t.kind !== "string" && t.kind !== "dyn") return { error: "messageExpression must evaluate to a string" };
  return { program: { root, checked }, cost: estimateCost(root, checked) };
}

function usesVariable(root: Node, name: string): boolean {
  for (const n of walk(root)) {
    if (n.kind === "ident" && n.name === name) return true;
    // A comprehension variable of the same name would shadow it; rules do not do that in practice.
  }
  return false;
}

/** cel-go's issue text: `ERROR: <input>:line:col: message`, the source line, and a caret. */
export function formatIssues(source: string, issues: CheckIssue[]): string {
  const lines = source.split("\n");
  return issues
    .map((i) => {
      let offset = i.pos;
      let line = 0;
      while (line < lines.length - 1 && offset > lines[line]!.length) {
        offset -= lines[line]!.length + 1;
        line++;
      }
      const text = lines[line] ?? "";
      return `ERROR: <input>:${line + 1}:${offset + 1}: ${i.message}\n | ${text}\n | ${".".repeat(offset)}^`;
    })
    .join("\n");
}


