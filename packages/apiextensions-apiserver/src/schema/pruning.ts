// Pruning unknown fields (upstream: pkg/apiserver/schema/pruning). A custom
// resource keeps only the fields its schema specifies; the rest are dropped
// on write and on read from storage. Fields are kept
//  - under x-kubernetes-preserve-unknown-fields (and the specified fields
//    below it are pruned again),
//  - for apiVersion, kind and metadata of the resource root and of every
//    x-kubernetes-embedded-resource (metadata is coerced separately, see
//    object-meta.ts).
// The dropped fields' paths are returned, sorted, in upstream's form
// (`spec.x`, `spec.items[0].y`), so that the server can answer per
// fieldValidation: Strict -> 400 `strict decoding error: unknown field
// "spec.x"`, Warn -> one `unknown field "spec.x"` warning each.

import { type JSONObject, childName, indexName, isObject } from "./json.js";
import type { Structural } from "./structural.js";

export interface PruneOptions {
  /** The value is a whole custom resource: its apiVersion, kind and metadata are kept. */
  isResourceRoot?: boolean;
}

/** Removes unknown fields from `obj` in place; returns the removed paths, sorted. */
export function prune(obj: unknown, schema: Structural | undefined, opts: PruneOptions = {}): string[] {
  let s = schema;
  if (opts.isResourceRoot && !s?.xEmbeddedResource) s = { ...(s ?? { type: "" }), xEmbeddedResource: true };
  const pruned: string[] = [];
  pruneValue(obj, s, "", pruned);
  return pruned.sort();
}

function keepsAsMeta(s: Structural, key: string, v: unknown): boolean {
  if (!s.xEmbeddedResource) return false;
  if (key === "apiVersion" || key === "kind") return typeof v === "string";
  if (key === "metadata") return isObject(v);
  return false;
}

function pruneValue(x: unknown, s: Structural | undefined, path: string, pruned: string[]): void {
  if (s?.xPreserveUnknownFields) {
    skipPrune(x, s, path, pruned);
    return;
  }
  if (Array.isArray(x)) {
    x.forEach((v, i) => pruneValue(v, s?.items, indexName(path, i), pruned));
    return;
  }
  if (!isObject(x)) return;
  if (!s) {
    for (const k of Object.keys(x)) {
      pruned.push(childName(path, k));
      delete x[k];
    }
    return;
  }
  for (const [k, v] of Object.entries(x)) {
    if (keepsAsMeta(s, k, v)) continue;
    const prop = s.properties?.[k];
    if (prop) pruneValue(v, prop, childName(path, k), pruned);
    else if (s.additionalProperties) pruneValue(v, s.additionalProperties.schema, childName(path, k), pruned);
    else {
      pruned.push(childName(path, k));
      delete (x as JSONObject)[k];
    }
  }
}

/** Under preserve-unknown-fields: keep everything, but prune inside the fields the schema does specify. */
function skipPrune(x: unknown, s: Structural, path: string, pruned: string[]): void {
  if (Array.isArray(x)) {
    if (s.items) x.forEach((v, i) => skipPrune(v, s.items!, indexName(path, i), pruned));
    return;
  }
  if (!isObject(x)) return;
  for (const [k, v] of Object.entries(x)) {
    if (keepsAsMeta(s, k, v)) continue;
    const prop = s.properties?.[k] ?? s.additionalProperties?.schema;
    if (prop) pruneValue(v, prop, childName(path, k), pruned);
  }
}
