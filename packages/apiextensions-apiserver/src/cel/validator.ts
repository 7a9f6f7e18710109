// Running x-kubernetes-validations rules over an object (upstream:
// apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go).
//
//  - Rules run at every node whose value is present and not null, with
//    `self` the value there; transition rules (using `oldSelf`) only when a
//    correlated old value exists (update), unless optionalOldSelf.
//  - A false rule gives `message`, the result of `messageExpression`, or
//    `failed rule: <rule>`, as a field error of the rule's `reason` at the
//    node (or its `fieldPath`); scalar values are printed, objects and lists not.
//  - Ratcheting: on update, a failure at a node whose value did not change
//    becomes a warning, unless the rule uses oldSelf.
//  - Costs: each evaluation may cost PER_CALL_LIMIT, all rules of one object
//    RUNTIME_CEL_COST_BUDGET; past that, validation stops with an error.

import {
  type FieldError, FieldPath, duplicate, forbidden, invalid, invalidWithoutValue, required,
} from "@tskube/apimachinery";
import { correlateMapListItems } from "../schema/correlation.js";
import { deepEqual, isObject } from "../schema/json.js";
import type { Structural } from "../schema/structural.js";
import { type CompiledRule, compiledRulesOf } from "./compile.js";
import { CostTracker, type Program, evaluate } from "./interpreter.js";
import { MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES, PER_CALL_LIMIT, RUNTIME_CEL_COST_BUDGET } from "./limits.js";
import { ValueConverter } from "./schema-types.js";
import { CostLimitExceeded, EvalError, Optional, type Value } from "./values.js";

export interface CELValidationOptions {
  /** The old object on update. */
  old?: unknown;
  /** Prepended to every error path; without one, a root error is reported at `<nil>` as upstream does. */
  basePath?: FieldPath;
  /** The object is a whole custom resource (self gets apiVersion, kind, metadata). */
  isResourceRoot?: boolean;
  /** Cost left for this object (default RUNTIME_CEL_COST_BUDGET). */
  budget?: number;
}

export interface CELValidationResult {
  errors: FieldError[];
  /** Failures tolerated by ratcheting, worded as errors. */
  warnings: string[];
  remainingBudget: number;
}

const NO_OLD: unique symbol = Symbol("no old value");

export function validateCELRules(obj: unknown, s: Structural, opts: CELValidationOptions = {}): CELValidationResult {
  const v = new Validator(opts);
  v.validate(opts.basePath, obj, "old" in opts && opts.old !== undefined ? opts.old : NO_OLD, s, opts.isResourceRoot === true);
  return { errors: v.errors, warnings: v.warnings, remainingBudget: v.budget };
}

class BudgetExhausted extends Error {}

const NIL = "<nil>";
const child = (p: FieldPath | undefined, name: string) => (p ? p.child(name) : FieldPath.root(name));
const pathText = (p: FieldPath | undefined) => (p ? p.toString() : NIL);

class Validator {
  readonly errors: FieldError[] = [];
  readonly warnings: string[] = [];
  budget: number;
  private readonly converter = new ValueConverter();

  constructor(opts: CELValidationOptions) {
    this.budget = opts.budget ?? RUNTIME_CEL_COST_BUDGET;
  }

  validate(path: FieldPath | undefined, obj: unknown, old: unknown, s: Structural, isRoot: boolean): void {
    try {
      this.walk(path, obj, old, s, isRoot);
    } catch (err) {
      if (!(err instanceof BudgetExhausted)) throw err;
    }
  }

  private walk(path: FieldPath | undefined, obj: unknown, old: unknown, s: Structural, isRoot: boolean): void {
    if (obj === null || obj === undefined) return;
    if (s.xValidations?.length) this.runRules(path, obj, old, s, isRoot);
    if (Array.isArray(obj)) {
      if (!s.items) return;
      const oldItems = correlateMapListItems(s, obj, old === NO_OLD ? undefined : old, NO_OLD);
      obj.forEach((item, i) => this.walk((path ?? FieldPath.root("")).index(i), item, oldItems[i], s.items!, false));
    } else if (isObject(obj)) {
      const oldObj = old !== NO_OLD && isObject(old) ? old : undefined;
      for (const [k, v] of Object.entries(obj)) {
        const prop = s.properties?.[k];
        const sub = prop ?? s.additionalProperties?.schema;
        if (!sub) continue;
        const oldV = oldObj && Object.hasOwn(oldObj, k) ? oldObj[k] : NO_OLD;
        this.walk(prop ? child(path, k) : (path ?? FieldPath.root("")).key(k), v, oldV, sub, false);
      }
    }
  }

  private runRules(path: FieldPath | undefined, obj: unknown, old: unknown, s: Structural, isRoot: boolean): void {
    const rules = compiledRulesOf(s, isRoot);
    if (this.budget <= 0) this.fail(invalid(pathText(path), s.type, "validation failed due to running out of cost budget, no further validation rules will be run"));
    const self = this.converter.toValue(obj, s, isRoot);
    const hasOld = old !== NO_OLD && old !== null;
    const oldSelf = hasOld ? this.converter.toValue(old, s, isRoot) : undefined;
    const unchanged = hasOld && deepEqual(obj, old);

    for (const compiled of rules) {
      if (compiled.error) {
        this.errors.push(invalid(pathText(path), s.type, `rule compile error: ${compiled.error.detail}`));
        continue;
      }
      if (!compiled.program) continue;
      const optional = compiled.rule.optionalOldSelf === true;
      if (compiled.usesOldSelf && !hasOld && !optional) continue;
      const vars: Record<string, Value> = { self };
      if (optional) vars["oldSelf"] = hasOld ? Optional.of(oldSelf!) : Optional.none;
      else if (hasOld) vars["oldSelf"] = oldSelf!;

      const ruleText = ruleErrorString(compiled.rule);
      let result: Value;
      try {
        result = this.run(compiled.program, vars, path, s);
      } catch (err) {
        if (err instanceof CostLimitExceeded) {
          this.fail(invalid(pathText(path), s.type, `'${err.message}': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleText}`));
        }
        if (err instanceof BudgetExhausted) throw err;
        if (err instanceof EvalError && err.message.startsWith("no such overload")) {
          this.errors.push(invalid(pathText(path), s.type, `'${err.message}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleText}`));
        } else {
          this.errors.push(invalid(pathText(path), s.type, `${err instanceof Error ? err.message : String(err)} evaluating rule: ${ruleText}`));
        }
        continue;
      }
      if (result === true) continue;

      const at = compiled.fieldPath ? child(path, compiled.fieldPath) : path;
      let detail = ruleMessageOrDefault(compiled.rule);
      if (compiled.messageExpression) {
        const m = this.messageExpression(compiled.messageExpression, compiled.rule.messageExpression ?? "", vars, at, s);
        if (m !== undefined) detail = m;
      }
      const scalar = s.type !== "object" && s.type !== "array";
      const e = errorForReason(pathText(at), scalar ? obj : undefined, scalar, detail, compiled.rule.reason);
      if (!compiled.usesOldSelf && unchanged) this.warnings.push(e.toString());
      else this.errors.push(e);
    }
  }

  private run(p: Program, vars: Record<string, Value>, path: FieldPath | undefined, s: Structural): Value {
    const tracker = new CostTracker(PER_CALL_LIMIT);
    let result: Value;
    try {
      result = evaluate(p, vars, tracker);
    } finally {
      this.budget -= tracker.cost;
    }
    if (this.budget < 0) {
      this.fail(invalid(pathText(path), s.type, "validation failed due to running out of cost budget, no further validation rules will be run"));
    }
    return result;
  }

  private messageExpression(p: Program, source: string, vars: Record<string, Value>, at: FieldPath | undefined, s: Structural): string | undefined {
    let v: Value;
    try {
      v = this.run(p, vars, at, s);
    } catch (err) {
      if (err instanceof CostLimitExceeded) {
        this.fail(invalid(pathText(at), s.type, `no further validation rules will be run due to call cost exceeds limit for messageExpression: ${JSON.stringify(source)}`));
      }
      return undefined; // upstream logs the failure and falls back to the message
    }
    if (typeof v !== "string") return undefined;
    const trimmed = v.trim();
    if (trimmed === "" || trimmed.length > MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES || trimmed.includes("\n")) return undefined;
    return trimmed;
  }

  private fail(e: FieldError): never {
    this.errors.push(e);
    this.budget = -1;
    throw new BudgetExhausted();
  }
}

function errorForReason(path: string, value: unknown, printValue: boolean, detail: string, reason: string | undefined): FieldError {
  switch (reason) {
    case "FieldValueForbidden":
      return forbidden(path, detail);
    case "FieldValueRequired":
      return required(path, detail);
    case "FieldValueDuplicate":
      return duplicate(path, printValue ? value : "");
    default:
      return printValue ? invalid(path, value, detail) : invalidWithoutValue(path, detail);
  }
}

function ruleErrorString(rule: CompiledRule["rule"]): string {
  return rule.message ? rule.message.trim() : rule.rule.trim();
}

function ruleMessageOrDefault(rule: CompiledRule["rule"]): string {
  return rule.message ? rule.message.trim() : `failed rule: ${ruleErrorString(rule)}`;
}
