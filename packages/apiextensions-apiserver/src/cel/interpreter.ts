// Evaluating a checked CEL expression. Errors are exceptions (EvalError);
// `&&`, `||` and the comprehension loop conditions absorb them as CEL's
// commutative logic requires (`false && error` is false). Every step adds to
// the evaluation's cost (see cost.ts); past the limit the evaluation stops
// with CostLimitExceeded, which nothing absorbs, so a rule cannot stall the
// server.

import type { Constant, Node } from "./ast.js";
import { TYPE_NAMES, type Checked } from "./checker.js";
import { LIST_CREATE_COST, MAP_CREATE_COST } from "./cost.js";
import { valueFits } from "./library/overload.js";
import {
  CostLimitExceeded, EvalError, MapValue, type MapKey, Optional, TypeValue, UInt, type Value, isList, sizeOf,
} from "./values.js";

export interface Program {
  root: Node;
  checked: Checked;
}

/** Counts an evaluation's cost against a limit. */
export class CostTracker {
  cost = 0;
  constructor(readonly limit: number) {}
  add(n: number): void {
    this.cost += n;
    if (this.cost > this.limit) throw new CostLimitExceeded();
  }
}

class Env {
  constructor(readonly name: string, readonly value: Value, readonly parent: Env | undefined) {}
}

export function evaluate(p: Program, vars: Record<string, Value>, tracker: CostTracker): Value {
  let globals: Env | undefined;
  for (const [k, v] of Object.entries(vars)) globals = new Env(k, v, globals);
  return new Evaluator(p.checked, tracker).eval(p.root, globals);
}

function constValue(c: Constant): Value {
  switch (c.kind) {
    case "null":
      return null;
    case "uint":
      return new UInt(c.value);
    default:
      return c.value;
  }
}

function mapKey(v: Value): MapKey {
  if (typeof v === "string" || typeof v === "boolean" || typeof v === "bigint" || v instanceof UInt) return v;
  throw new EvalError(`unsupported key type`);
}

class Evaluator {
  constructor(private readonly checked: Checked, private readonly tracker: CostTracker) {}

  eval(n: Node, env: Env | undefined): Value {
    switch (n.kind) {
      case "const":
        return constValue(n.value);
      case "ident": {
        this.tracker.add(1);
        for (let e = env; e; e = e.parent) if (e.name === n.name) return e.value;
        if (TYPE_NAMES.has(n.name)) return new TypeValue(n.name);
        throw new EvalError(`no such attribute: ${n.name}`);
      }
      case "select": {
        const operand = this.eval(n.operand, env);
        this.tracker.add(1);
        if (!(operand instanceof MapValue)) throw new EvalError(`no such key: ${n.field}`);
        if (n.testOnly) return operand.has(n.field);
        const v = operand.get(n.field);
        if (v === undefined) throw new EvalError(`no such key: ${n.field}`);
        return v;
      }
      case "list": {
        const out = n.elements.map((e) => this.eval(e, env));
        this.tracker.add(LIST_CREATE_COST);
        return out;
      }
      case "map": {
        const entries: [MapKey, Value][] = [];
        const seen = new MapValue();
        for (const e of n.entries) {
          const k = mapKey(this.eval(e.key, env));
          if (seen.has(k) || entries.some(([x]) => x === k)) throw new EvalError(`Failed with repeated key`);
          entries.push([k, this.eval(e.value, env)]);
        }
        this.tracker.add(MAP_CREATE_COST);
        return new MapValue(entries);
      }
      case "comprehension":
        return this.comprehension(n, env);
      case "call":
        return this.call(n, env);
    }
  }

  /** Evaluates, turning an evaluation error into a value to be decided on later. */
  private tryEval(n: Node, env: Env | undefined): Value | EvalError {
    try {
      return this.eval(n, env);
    } catch (err) {
      if (err instanceof EvalError) return err;
      throw err;
    }
  }

  private comprehension(n: Extract<Node, { kind: "comprehension" }>, env: Env | undefined): Value {
    const range = this.eval(n.iterRange, env);
    let items: readonly Value[];
    if (isList(range)) items = range;
    else if (range instanceof MapValue) items = range.keys();
    else throw new EvalError("expression cannot be range of a comprehension");
    let accu = this.eval(n.accuInit, env);
    for (const item of items) {
      const inner = new Env(n.iterVar, item, new Env(n.accuVar, accu, env));
      const cond = this.eval(n.loopCondition, inner);
      if (cond === false) break;
      accu = this.eval(n.loopStep, inner);
    }
    return this.eval(n.result, new Env(n.accuVar, accu, env));
  }

  private call(n: Extract<Node, { kind: "call" }>, env: Env | undefined): Value {
    switch (n.fn) {
      case "_&&_":
      case "_||_": {
        const decisive = n.fn === "_||_";
        const left = this.tryEval(n.args[0]!, env);
        if (left === decisive) return decisive;
        const right = this.tryEval(n.args[1]!, env);
        if (right === decisive) return decisive;
        if (left instanceof EvalError) throw left;
        if (right instanceof EvalError) throw right;
        if (typeof left !== "boolean" || typeof right !== "boolean") throw new EvalError("no such overload");
        return !decisive;
      }
      case "@not_strictly_false": {
        const v = this.tryEval(n.args[0]!, env);
        return v instanceof EvalError ? true : v;
      }
      case "_?_:_": {
        const cond = this.eval(n.args[0]!, env);
        if (typeof cond !== "boolean") throw new EvalError("no such overload");
        return this.eval(cond ? n.args[1]! : n.args[2]!, env);
      }
      case "_[_]": {
        const c = this.eval(n.args[0]!, env);
        const k = this.eval(n.args[1]!, env);
        this.tracker.add(1);
        return index(c, k);
      }
    }
    const args = [...(n.target ? [this.eval(n.target, env)] : []), ...n.args.map((a) => this.eval(a, env))];
    const candidates = this.checked.overloads.get(n) ?? [];
    const o = candidates.find((c) => c.params.length === args.length && c.params.every((p, i) => valueFits(p, args[i]!)));
    if (!o) throw new EvalError(`no such overload`);
    this.tracker.add(1 + (o.cost?.(args.map(sizeOf)) ?? 0));
    return o.impl(...args);
  }
}

function index(c: Value, k: Value): Value {
  if (isList(c)) {
    let i: number;
    if (typeof k === "bigint") i = Number(k);
    else if (k instanceof UInt) i = Number(k.value);
    else if (typeof k === "number" && Number.isInteger(k)) i = k;
    else throw new EvalError("no such overload");
    if (i < 0 || i >= c.length) throw new EvalError(`index out of bounds: ${i}`);
    return c[i]!;
  }
  if (c instanceof MapValue) {
    const v = c.get(k);
    if (v === undefined) throw new EvalError(`no such key: ${k instanceof UInt ? k.value : String(k)}`);
    return v;
  }
  if (c instanceof Optional) throw new EvalError("no such overload");
  throw new EvalError("no such overload");
}
