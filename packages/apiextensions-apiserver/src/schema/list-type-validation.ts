// x-kubernetes-list-type set and map (upstream: pkg/apiserver/schema/listtype).
// A set has no item twice; a map list has no two items with the same values
// for x-kubernetes-list-map-keys (a missing key counts as its default).
// Each later occurrence is a `Duplicate value` at its index.

import { type FieldError, FieldPath, duplicate, invalid, required } from "@tskube/apimachinery";
import { deepEqual, isObject } from "./json.js";
import type { Structural } from "./structural.js";

export function validateListSetsAndMaps(obj: unknown, s: Structural | undefined, basePath?: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  walk(obj, s, basePath, errs);
  return errs;
}

const at = (p: FieldPath | undefined, name: string) => (p ? p.child(name) : FieldPath.root(name));

function walk(x: unknown, s: Structural | undefined, path: FieldPath | undefined, errs: FieldError[]): void {
  if (!s) return;
  if (Array.isArray(x)) {
    const p = path ?? FieldPath.root("");
    if (s.xListType === "set") errs.push(...setDuplicates(x, p));
    else if (s.xListType === "map" && s.xListMapKeys?.length) errs.push(...mapDuplicates(x, s, p));
    x.forEach((v, i) => walk(v, s.items, p.index(i), errs));
  } else if (isObject(x)) {
    for (const [k, v] of Object.entries(x)) {
      const child = s.properties?.[k] ?? s.additionalProperties?.schema;
      if (child) walk(v, child, s.properties?.[k] ? at(path, k) : (path ?? FieldPath.root("")).key(k), errs);
    }
  }
}

function setDuplicates(items: unknown[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen: unknown[] = [];
  items.forEach((v, i) => {
    if (seen.some((w) => deepEqual(v, w))) errs.push(duplicate(path.index(i), v));
    else seen.push(v);
  });
  return errs;
}

function mapDuplicates(items: unknown[], s: Structural, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const keys = s.xListMapKeys!;
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!isObject(item)) {
      errs.push(invalid(path.index(i), item, "must be an object for an array of list-type map"));
      return;
    }
    const keyValues: Record<string, unknown> = {};
    let complete = true;
    for (const k of keys) {
      if (Object.hasOwn(item, k)) keyValues[k] = item[k];
      else if (s.items?.properties?.[k]?.default !== undefined) keyValues[k] = s.items.properties[k]!.default;
      else {
        errs.push(required(path.index(i).child(k)));
        complete = false;
      }
    }
    if (!complete) return;
    const id = JSON.stringify(keys.map((k) => keyValues[k]));
    if (seen.has(id)) errs.push(duplicate(path.index(i), keyValues));
    else seen.add(id);
  });
  return errs;
}
