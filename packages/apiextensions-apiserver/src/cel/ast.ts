// The CEL syntax tree this package works on, made from the parse tree of
// @bufbuild/cel (which also expands the macros all/exists/exists_one/map/
// filter/has into comprehensions and test-only selects). Each node keeps its
// offset in the source for error messages.
//
// cel.bind(name, init, result), the bindings macro Kubernetes enables, is
// expanded here as cel-go expands it: a comprehension over an empty list
// whose accumulator is `name`, set to `init`, and whose result is `result`;
// so `init` is evaluated once and the checker, cost and interpreter need
// nothing new.

import { parse as celParse } from "@bufbuild/cel";

export type Constant =
  | { kind: "int"; value: bigint }
  | { kind: "uint"; value: bigint }
  | { kind: "double"; value: number }
  | { kind: "string"; value: string }
  | { kind: "bytes"; value: Uint8Array }
  | { kind: "bool"; value: boolean }
  | { kind: "null" };

export type Node =
  | { kind: "const"; id: number; pos: number; value: Constant }
  | { kind: "ident"; id: number; pos: number; name: string }
  | { kind: "select"; id: number; pos: number; operand: Node; field: string; testOnly: boolean }
  | { kind: "call"; id: number; pos: number; fn: string; target?: Node; args: Node[] }
  | { kind: "list"; id: number; pos: number; elements: Node[] }
  | { kind: "map"; id: number; pos: number; entries: { key: Node; value: Node }[] }
  | {
      kind: "comprehension"; id: number; pos: number;
      iterVar: string; iterRange: Node; accuVar: string; accuInit: Node;
      loopCondition: Node; loopStep: Node; result: Node;
    };

/** A parse failure, with the offset where it was found. */
export class CELSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** Namespaces of global functions: `optional.of(x)` parses as a call on `optional`. */
const NAMESPACES = new Set(["optional", "format", "strings", "math", "cel"]);

type ParsedExpr = NonNullable<ReturnType<typeof celParse>["expr"]>;

export function parseCEL(source: string): Node {
  let parsed: ReturnType<typeof celParse>;
  try {
    parsed = celParse(source);
  } catch (err) {
    const location = (err as { location?: { start?: { offset?: number } } }).location;
    const raw = err instanceof Error ? err.message.replace(/^<input>:\d+:\d+: /, "") : String(err);
    throw new CELSyntaxError(raw, location?.start?.offset ?? 0);
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const convert = (e: ParsedExpr | undefined): Node => {
    if (!e) throw new CELSyntaxError("empty expression", 0);
    const id = Number(e.id);
    const pos = positions[id.toString()] ?? 0;
    const k = e.exprKind;
    switch (k.case) {
      case "constExpr": {
        const c = k.value.constantKind;
        switch (c.case) {
          case "int64Value":
            return { kind: "const", id, pos, value: { kind: "int", value: c.value } };
          case "uint64Value":
            return { kind: "const", id, pos, value: { kind: "uint", value: c.value } };
          case "doubleValue":
            return { kind: "const", id, pos, value: { kind: "double", value: c.value } };
          case "stringValue":
            return { kind: "const", id, pos, value: { kind: "string", value: c.value } };
          case "bytesValue":
            return { kind: "const", id, pos, value: { kind: "bytes", value: c.value } };
          case "boolValue":
            return { kind: "const", id, pos, value: { kind: "bool", value: c.value } };
          case "nullValue":
            return { kind: "const", id, pos, value: { kind: "null" } };
          default:
            throw new CELSyntaxError(`unsupported constant ${String(c.case)}`, pos);
        }
      }
      case "identExpr":
        return { kind: "ident", id, pos, name: k.value.name };
      case "selectExpr":
        return { kind: "select", id, pos, operand: convert(k.value.operand), field: k.value.field, testOnly: k.value.testOnly };
      case "callExpr": {
        const target = k.value.target;
        const args = k.value.args.map(convert);
        if (target && target.exprKind.case === "identExpr" && NAMESPACES.has(target.exprKind.value.name)) {
          const fn = `${target.exprKind.value.name}.${k.value.function}`;
          if (fn === "cel.bind" && args.length === 3) return bindMacro(args, pos);
          return { kind: "call", id, pos, fn, args };
        }
        return { kind: "call", id, pos, fn: k.value.function, ...(target ? { target: convert(target) } : {}), args };
      }
      case "listExpr":
        return { kind: "list", id, pos, elements: k.value.elements.map(convert) };
      case "structExpr": {
        if (k.value.messageName) throw new CELSyntaxError(`unknown type '${k.value.messageName}'`, pos);
        const entries = k.value.entries.map((en) => {
          if (en.keyKind.case !== "mapKey") throw new CELSyntaxError("unsupported field initializer", pos);
          return { key: convert(en.keyKind.value), value: convert(en.value) };
        });
        return { kind: "map", id, pos, entries };
      }
      case "comprehensionExpr": {
        const c = k.value;
        return {
          kind: "comprehension", id, pos, iterVar: c.iterVar, iterRange: convert(c.iterRange), accuVar: c.accuVar,
          accuInit: convert(c.accuInit), loopCondition: convert(c.loopCondition), loopStep: convert(c.loopStep), result: convert(c.result),
        };
      }
      default:
        throw new CELSyntaxError("unsupported expression", pos);
    }
  };
  return convert(parsed.expr);
}

/** Ids for the nodes a macro expansion adds: negative, so they never meet the parser's. */
let lastMacroId = 0;

/** cel.bind(name, init, result) as a comprehension (see the top of this file). */
function bindMacro([name, init, result]: Node[], pos: number): Node {
  if (name?.kind !== "ident") throw new CELSyntaxError("cel.bind() variable names must be simple identifiers", pos);
  return {
    kind: "comprehension",
    id: --lastMacroId,
    pos,
    iterVar: "#unused",
    iterRange: { kind: "list", id: --lastMacroId, pos, elements: [] },
    accuVar: name.name,
    accuInit: init!,
    loopCondition: { kind: "const", id: --lastMacroId, pos, value: { kind: "bool", value: false } },
    loopStep: { kind: "ident", id: --lastMacroId, pos, name: name.name },
    result: result!,
  };
}

/** Every node of a tree, parents first. */
export function* walk(n: Node): Generator<Node> {
  yield n;
  switch (n.kind) {
    case "select":
      yield* walk(n.operand);
      break;
    case "call":
      if (n.target) yield* walk(n.target);
      for (const a of n.args) yield* walk(a);
      break;
    case "list":
      for (const e of n.elements) yield* walk(e);
      break;
    case "map":
      for (const e of n.entries) {
        yield* walk(e.key);
        yield* walk(e.value);
      }
      break;
    case "comprehension":
      for (const c of [n.iterRange, n.accuInit, n.loopCondition, n.loopStep, n.result]) yield* walk(c);
      break;
    default:
      break;
  }
}
