// The CEL type checker: gives every node a type, resolves each call to the
// overloads that can apply, and reports what cel-go would report at CRD
// creation (`undefined field 'foo'`, `found no matching overload for '_+_'
// applied to '(int, string)'`, `undeclared reference to 'x' (in container '')`).

import type { Node } from "./ast.js";
import { type Overload, isKnownFunction, overloadsOf } from "./library/index.js";
import { type Bindings, type CelType, T, sameType, substitute, typeString, unify } from "./types.js";

export interface CheckIssue {
  pos: number;
  message: string;
}

export interface Checked {
  types: Map<Node, CelType>;
  overloads: Map<Node, Overload[]>;
  issues: CheckIssue[];
}

/** Names that denote types when used as values (`type(x) == int`). */
export const TYPE_NAMES = new Set(["int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type", "dyn"]);

class Scope {
  constructor(private readonly vars: Map<string, CelType>, private readonly parent?: Scope) {}
  find(name: string): CelType | undefined {
    return this.vars.get(name) ?? this.parent?.find(name);
  }
  push(vars: Map<string, CelType>): Scope {
    return new Scope(vars, this);
  }
}

export function check(root: Node, variables: Map<string, CelType>): Checked {
  const out: Checked = { types: new Map(), overloads: new Map(), issues: [] };
  const issue = (n: Node, message: string): CelType => {
    out.issues.push({ pos: n.pos, message });
    return T.dyn;
  };

  const visit = (n: Node, scope: Scope): CelType => {
    const t = typeOf(n, scope);
    out.types.set(n, t);
    return t;
  };

  const join = (types: CelType[]): CelType => {
    const first = types.find((t) => t.kind !== "dyn");
    return first && types.every((t) => t.kind === "dyn" || sameType(t, first)) ? first : T.dyn;
  };

  const typeOf = (n: Node, scope: Scope): CelType => {
    switch (n.kind) {
      case "const":
        return { int: T.int, uint: T.uint, double: T.double, string: T.string, bytes: T.bytes, bool: T.bool, null: T.null }[n.value.kind];
      case "ident": {
        const v = scope.find(n.name);
        if (v) return v;
        if (TYPE_NAMES.has(n.name)) return T.type;
        return issue(n, `undeclared reference to '${n.name}' (in container '')`);
      }
      case "select": {
        const operand = visit(n.operand, scope);
        if (n.testOnly) {
          if (operand.kind === "object" && !operand.fields.has(n.field)) return issue(n, `undefined field '${n.field}'`);
          if (!["object", "map", "dyn"].includes(operand.kind)) return issue(n, `type '${typeString(operand)}' does not support field selection`);
          return T.bool;
        }
        if (operand.kind === "object") return operand.fields.get(n.field) ?? issue(n, `undefined field '${n.field}'`);
        if (operand.kind === "map") {
          if (!unify(operand.key, T.string, new Map())) return issue(n, `type '${typeString(operand)}' does not support field selection`);
          return operand.value;
        }
        if (operand.kind === "dyn") return T.dyn;
        return issue(n, `type '${typeString(operand)}' does not support field selection`);
      }
      case "list":
        return { kind: "list", elem: n.elements.length ? join(n.elements.map((e) => visit(e, scope))) : T.dyn, maxSize: n.elements.length };
      case "map": {
        const keys = n.entries.map((e) => visit(e.key, scope));
        const values = n.entries.map((e) => visit(e.value, scope));
        return { kind: "map", key: keys.length ? join(keys) : T.dyn, value: values.length ? join(values) : T.dyn, maxSize: n.entries.length };
      }
      case "comprehension": {
        const range = visit(n.iterRange, scope);
        let iter: CelType;
        if (range.kind === "list") iter = range.elem;
        else if (range.kind === "map") iter = range.key;
        else if (range.kind === "object") iter = T.string;
        else if (range.kind === "dyn") iter = T.dyn;
        else iter = issue(n.iterRange, `expression of type '${typeString(range)}' cannot be range of a comprehension (must be list, map, or dynamic)`);
        const accu = visit(n.accuInit, scope);
        const inner = scope.push(new Map([[n.accuVar, accu], [n.iterVar, iter]]));
        visit(n.loopCondition, inner);
        const step = visit(n.loopStep, inner);
        const resultScope = scope.push(new Map([[n.accuVar, accu.kind === "list" && accu.elem.kind === "dyn" ? step : accu]]));
        return visit(n.result, resultScope);
      }
      case "call":
        return callType(n, scope);
    }
  };

  const callType = (n: Extract<Node, { kind: "call" }>, scope: Scope): CelType => {
    const args = n.args.map((a) => visit(a, scope));
    const target = n.target ? visit(n.target, scope) : undefined;
    const notBool = (t: CelType) => t.kind !== "bool" && t.kind !== "dyn";
    switch (n.fn) {
      case "_&&_":
      case "_||_":
        if (args.some(notBool)) return noOverload(n, args);
        return T.bool;
      case "@not_strictly_false":
        return T.bool;
      case "_?_:_":
        if (notBool(args[0]!)) return noOverload(n, args);
        return join([args[1]!, args[2]!]);
      case "_[_]": {
        const [c, k] = args as [CelType, CelType];
        if (c.kind === "list" && unify(T.int, k, new Map())) return c.elem;
        if (c.kind === "list" && (k.kind === "uint" || k.kind === "double")) return c.elem;
        if (c.kind === "map" && unify(c.key, k, new Map())) return c.value;
        if (c.kind === "object" && unify(T.string, k, new Map())) return T.dyn;
        if (c.kind === "dyn") return T.dyn;
        return noOverload(n, args);
      }
    }
    const all = [...(target ? [target] : []), ...args];
    const candidates = overloadsOf(n.fn, target !== undefined);
    if (candidates.length === 0 && !isKnownFunction(n.fn)) return issue(n, `undeclared reference to '${n.fn}' (in container '')`);
    const matches: { o: Overload; b: Bindings }[] = [];
    for (const o of candidates) {
      if (o.params.length !== all.length) continue;
      const b: Bindings = new Map();
      if (o.params.every((p, i) => unify(p, all[i]!, b))) matches.push({ o, b });
    }
    if (matches.length === 0) return noOverload(n, args, target);
    out.overloads.set(n, matches.map((m) => m.o));
    return join(matches.map((m) => substitute(m.o.result, m.b)));
  };

  const noOverload = (n: Node & { fn: string }, args: CelType[], target?: CelType): CelType => {
    const list = args.map(typeString).join(", ");
    return issue(n, `found no matching overload for '${n.fn}' applied to '${target ? `${typeString(target)}.(${list})` : `(${list})`}'`);
  };

  visit(root, new Scope(variables));
  return out;
}
