// apiVersion, kind and metadata of embedded resources
// (upstream: pkg/apiserver/schema/objectmeta).
//
// coerceObjectMeta: the metadata of the resource root and of each
// x-kubernetes-embedded-resource is an ObjectMeta, whatever the schema says:
// unknown metadata fields are dropped (and reported, for fieldValidation),
// and, when asked, fields of the wrong type too.
//
// validateEmbeddedResources: an embedded resource needs apiVersion and kind,
// and its metadata must be valid ObjectMeta (names, labels, annotations, ...).

import {
  type FieldError,
  FieldPath,
  type ObjectMeta,
  invalid,
  isDNS1035Label,
  required,
  validateObjectMeta,
} from "@tskube/apimachinery";
import { childName, indexName, isObject } from "./json.js";
import type { Structural } from "./structural.js";

/** ObjectMeta's fields and the JSON type each has. */
const OBJECT_META_FIELDS: Record<string, "string" | "number" | "map" | "array"> = {
  name: "string", generateName: "string", namespace: "string", selfLink: "string", uid: "string",
  resourceVersion: "string", generation: "number", creationTimestamp: "string", deletionTimestamp: "string",
  deletionGracePeriodSeconds: "number", labels: "map", annotations: "map", ownerReferences: "array",
  finalizers: "array", managedFields: "array",
};

function hasType(v: unknown, t: (typeof OBJECT_META_FIELDS)[string]): boolean {
  if (v === null) return true;
  switch (t) {
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && Number.isInteger(v);
    case "map":
      return isObject(v) && Object.values(v).every((x) => typeof x === "string");
    case "array":
      return Array.isArray(v);
  }
}

export interface CoerceOptions {
  isResourceRoot?: boolean;
  /** Drop metadata fields of the wrong type instead of reporting them. */
  dropInvalidFields?: boolean;
}

export interface CoerceResult {
  /** Unknown metadata fields that were dropped (`metadata.foo`, `spec.template.metadata.foo`). */
  unknownFields: string[];
  errors: FieldError[];
}

/** Makes every resource metadata an ObjectMeta, in place. */
export function coerceObjectMeta(obj: unknown, s: Structural | undefined, opts: CoerceOptions = {}): CoerceResult {
  const result: CoerceResult = { unknownFields: [], errors: [] };
  coerce(obj, s, "", opts.isResourceRoot === true, opts.dropInvalidFields === true, result);
  result.unknownFields.sort();
  return result;
}

function coerce(x: unknown, s: Structural | undefined, path: string, isResourceRoot: boolean, drop: boolean, out: CoerceResult): void {
  if (Array.isArray(x)) {
    x.forEach((v, i) => coerce(v, s?.items, indexName(path, i), false, drop, out));
    return;
  }
  if (!isObject(x)) return;
  if (isResourceRoot || s?.xEmbeddedResource) {
    const meta = x["metadata"];
    if (isObject(meta)) {
      for (const [k, v] of Object.entries(meta)) {
        const t = OBJECT_META_FIELDS[k];
        const p = childName(childName(path, "metadata"), k);
        if (!t) {
          out.unknownFields.push(p);
          delete meta[k];
        } else if (!hasType(v, t)) {
          if (drop) delete meta[k];
          else out.errors.push(invalid(FieldPath.root(p), v, `must be a ${t === "map" ? "map of strings" : t}`));
        }
      }
    } else if (meta !== undefined && meta !== null) {
      if (drop) delete x["metadata"];
      else out.errors.push(invalid(FieldPath.root(childName(path, "metadata")), meta, "must be an object"));
    }
  }
  if (!s) return;
  for (const [k, v] of Object.entries(x)) {
    if ((isResourceRoot || s.xEmbeddedResource) && k === "metadata") continue;
    const child = s.properties?.[k] ?? s.additionalProperties?.schema;
    if (child) coerce(v, child, childName(path, k), false, drop, out);
  }
}

/** Checks apiVersion, kind and metadata of every embedded resource below `obj`. */
export function validateEmbeddedResources(obj: unknown, s: Structural | undefined, basePath?: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  walk(obj, s, basePath, errs);
  return errs;
}

const at = (p: FieldPath | undefined, name: string) => (p ? p.child(name) : FieldPath.root(name));

function walk(x: unknown, s: Structural | undefined, path: FieldPath | undefined, errs: FieldError[]): void {
  if (!s) return;
  if (Array.isArray(x)) {
    x.forEach((v, i) => walk(v, s.items, (path ?? FieldPath.root("")).index(i), errs));
    return;
  }
  if (!isObject(x)) return;
  if (s.xEmbeddedResource) errs.push(...validateEmbedded(x, path));
  for (const [k, v] of Object.entries(x)) {
    const prop = s.properties?.[k];
    if (prop) walk(v, prop, at(path, k), errs);
    else if (s.additionalProperties?.schema) walk(v, s.additionalProperties.schema, (path ?? FieldPath.root("")).key(k), errs);
  }
}

function validateEmbedded(x: Record<string, unknown>, path: FieldPath | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!Object.hasOwn(x, "apiVersion")) errs.push(required(at(path, "apiVersion"), "must not be empty"));
  if (!Object.hasOwn(x, "kind")) errs.push(required(at(path, "kind"), "must not be empty"));
  for (const [k, v] of Object.entries(x)) {
    if (k === "apiVersion") {
      if (typeof v !== "string") errs.push(invalid(at(path, k), v, "must be a string"));
      else if (v === "") errs.push(invalid(at(path, k), v, "must not be empty"));
      else if (v.split("/").length > 2) errs.push(invalid(at(path, k), v, `unexpected GroupVersion string: ${v}`));
    } else if (k === "kind") {
      if (typeof v !== "string") errs.push(invalid(at(path, k), v, "must be a string"));
      else if (v === "") errs.push(invalid(at(path, k), v, "must not be empty"));
      else {
        const problems = isDNS1035Label(v.toLowerCase());
        if (problems.length > 0) errs.push(invalid(at(path, k), v, `may have mixed case, but should otherwise match: ${problems.join(",")}`));
      }
    } else if (k === "metadata" && isObject(v)) {
      const meta = { ...v } as ObjectMeta;
      // Embedded objects need no name; upstream fills one in to satisfy the check.
      if (!meta.name) meta.name = "fakename";
      errs.push(...validateObjectMeta(meta, Boolean(meta.namespace), validatePathSegmentName, at(path, "metadata")));
    }
  }
  return errs;
}

/** Names usable as one URL path segment (upstream: path.ValidatePathSegmentName). */
function validatePathSegmentName(name: string, prefix: boolean): string[] {
  if (!prefix && (name === "." || name === "..")) return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}
