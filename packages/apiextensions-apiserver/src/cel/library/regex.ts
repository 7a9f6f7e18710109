// Kubernetes' regex library: find and findAll (k8s.io/apiserver/pkg/cel/library/regex.go).

import { translateGoRegexp } from "../../schema/regexp.js";
import { T } from "../types.js";
import { EvalError, type Value } from "../values.js";
import { type Overload, linearCost, method } from "./overload.js";

function compile(pattern: string): RegExp {
  const r = translateGoRegexp(pattern);
  if (!r.regexp) throw new EvalError(r.error ?? "invalid regexp");
  return new RegExp(r.regexp.source, `${r.regexp.flags}g`);
}

function findAll(str: string, pattern: string, limit: number): Value {
  if (limit === 0) return [];
  const out: string[] = [];
  for (const m of str.matchAll(compile(pattern))) {
    out.push(m[0]);
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

export const regexLibrary: Overload[] = [
  method("find", [T.string, T.string], T.string, (s, p) => compile(p as string).exec(s as string)?.[0] ?? "", linearCost),
  method("findAll", [T.string, T.string], T.list(T.string), (s, p) => findAll(s as string, p as string, -1), linearCost),
  method("findAll", [T.string, T.string, T.int], T.list(T.string), (s, p, n) => findAll(s as string, p as string, Number(n as bigint)), linearCost),
];
