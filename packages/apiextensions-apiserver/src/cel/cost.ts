// Estimating the most a rule can cost, before any data is seen (upstream:
// cel-go's checker.Cost with Kubernetes' size estimates). The model, which
// the interpreter's actual cost follows too:
//   identifiers and field selections 1, constants 0,
//   a function call 1 plus the function's own cost (string and list work
//   grows with the arguments' sizes), list literals 10, map literals 30,
//   a comprehension its range plus each iteration's condition and step,
//   times the most elements the range can have (maxItems, maxProperties,
//   maxLength, or what fits in a request when the schema sets none).

import type { Node } from "./ast.js";
import type { Checked } from "./checker.js";
import { estimateMaxItems } from "./limits.js";
import type { CelType } from "./types.js";

export const LIST_CREATE_COST = 10;
export const MAP_CREATE_COST = 30;

/** The largest size a node's value can have (characters, elements, entries). */
function maxSize(n: Node, checked: Checked): number {
  if (n.kind === "const") {
    const v = n.value;
    if (v.kind === "string") return v.value.length;
    if (v.kind === "bytes") return v.value.length;
    return 1;
  }
  const t: CelType | undefined = checked.types.get(n);
  if (!t) return 1;
  if (t.maxSize !== undefined) return t.maxSize;
  if (t.kind === "dyn" || t.kind === "list" || t.kind === "map" || t.kind === "string" || t.kind === "bytes") return estimateMaxItems(1);
  return 1;
}

export function estimateCost(n: Node, checked: Checked): number {
  switch (n.kind) {
    case "const":
      return 0;
    case "ident":
      return 1;
    case "select":
      return 1 + estimateCost(n.operand, checked);
    case "list":
      return LIST_CREATE_COST + n.elements.reduce((a, e) => a + estimateCost(e, checked), 0);
    case "map":
      return MAP_CREATE_COST + n.entries.reduce((a, e) => a + estimateCost(e.key, checked) + estimateCost(e.value, checked), 0);
    case "comprehension": {
      const size = maxSize(n.iterRange, checked);
      const perIteration = estimateCost(n.loopCondition, checked) + estimateCost(n.loopStep, checked);
      return estimateCost(n.iterRange, checked) + estimateCost(n.accuInit, checked) + size * perIteration + estimateCost(n.result, checked);
    }
    case "call": {
      const args = [...(n.target ? [n.target] : []), ...n.args];
      const argCost = args.reduce((a, e) => a + estimateCost(e, checked), 0);
      if (n.fn === "_?_:_") {
        return estimateCost(n.args[0]!, checked) + Math.max(estimateCost(n.args[1]!, checked), estimateCost(n.args[2]!, checked));
      }
      const sizes = args.map((a) => maxSize(a, checked));
      const own = Math.max(0, ...(checked.overloads.get(n) ?? []).map((o) => o.cost?.(sizes) ?? 0));
      return argCost + 1 + own;
    }
  }
}
