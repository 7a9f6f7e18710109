// Is a schema structural? (upstream: pkg/apiserver/schema/validation.go and
// complete.go). The rules:
//  - every node has a type, except under x-kubernetes-int-or-string or
//    x-kubernetes-preserve-unknown-fields; the root is an object;
//  - arrays have items; additionalProperties is not used at the root;
//  - allOf/anyOf/oneOf/not only validate values: no type, default, title,
//    description, nullable, additionalProperties or x-kubernetes-* extensions,
//    and each property or items they name is also specified outside of them;
//  - metadata at the root may only restrict name and generateName;
//  - embedded resources are objects with properties (or preserve unknown fields).
// Errors are sorted by their text, as upstream sorts them.

import { type FieldError, type FieldPath, forbidden, invalid, required } from "@tskube/apimachinery";
import { translateGoRegexp } from "./regexp.js";
import type { NestedValueValidation, Structural, ValueValidation } from "./structural.js";

type Level = "root" | "item" | "field";

export function validateStructural(path: FieldPath, s: Structural): FieldError[] {
  const errs = [...validateInvariants(s, "root", path), ...validateCompleteness(s, path)];
  return errs.sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
}

function validateInvariants(s: Structural | undefined, lvl: Level, path: FieldPath): FieldError[] {
  if (!s) return [];
  const errs: FieldError[] = [];
  if (s.type === "array" && !s.items) errs.push(required(path.child("items"), "must be specified"));
  errs.push(...validateInvariants(s.items, "item", path.child("items")));
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    errs.push(...validateInvariants(v, "field", path.child("properties").key(k)));
  }
  if (s.additionalProperties) {
    if (lvl === "root") errs.push(forbidden(path.child("additionalProperties"), "must not be used at the root"));
    errs.push(...validateInvariants(s.additionalProperties.schema, "field", path.child("additionalProperties")));
  }

  if (s.xIntOrString && s.xPreserveUnknownFields) {
    errs.push(invalid(path.child("x-kubernetes-preserve-unknown-fields"), true, "must be false if x-kubernetes-int-or-string is true"));
  }
  if (s.xIntOrString && s.xEmbeddedResource) {
    errs.push(invalid(path.child("x-kubernetes-embedded-resource"), true, "must be false if x-kubernetes-int-or-string is true"));
  }

  errs.push(...validateValueValidation(s.valueValidation, isIntOrStringAnyOf(s), isIntOrStringAllOf(s), lvl, path));

  const checkMetadata = lvl === "root" || s.xEmbeddedResource === true;
  if (s.xEmbeddedResource && s.type !== "object") {
    const msg = "must be object if x-kubernetes-embedded-resource is true";
    errs.push(s.type === "" ? required(path.child("type"), msg) : invalid(path.child("type"), s.type, msg));
  } else if (s.type === "" && !s.xIntOrString && !s.xPreserveUnknownFields) {
    const msg = {
      root: "must not be empty at the root",
      item: "must not be empty for specified array items",
      field: "must not be empty for specified object fields",
    }[lvl];
    errs.push(required(path.child("type"), msg));
  }
  if (s.xEmbeddedResource && s.additionalProperties) {
    errs.push(forbidden(path.child("additionalProperties"), "must not be used if x-kubernetes-embedded-resource is set"));
  }
  if (lvl === "root" && s.type !== "" && s.type !== "object") {
    errs.push(invalid(path.child("type"), s.type, "must be object at the root"));
  }

  const kind = s.properties?.["kind"];
  if (kind && checkMetadata && kind.type !== "string") {
    errs.push(invalid(path.child("properties").key("kind").child("type"), kind.type, "must be string"));
  }
  const apiVersion = s.properties?.["apiVersion"];
  if (apiVersion && checkMetadata && apiVersion.type !== "string") {
    errs.push(invalid(path.child("properties").key("apiVersion").child("type"), apiVersion.type, "must be string"));
  }
  const metadata = s.properties?.["metadata"];
  if (metadata) errs.push(...validateMetadataInvariants(metadata, checkMetadata, lvl, path.child("properties").key("metadata")));

  if (s.xEmbeddedResource && !s.xPreserveUnknownFields && Object.keys(s.properties ?? {}).length === 0) {
    errs.push(
      required(path.child("properties"), "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"),
    );
  }
  return errs;
}

function validateMetadataInvariants(s: Structural, checkMetadata: boolean, lvl: Level, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (checkMetadata && s.type !== "object") errs.push(invalid(path.child("type"), s.type, "must be object"));
  if (lvl === "root") {
    // Anything but the type, a default (checked elsewhere) and properties for
    // name and generateName would restrict metadata beyond what the server owns.
    const props = Object.keys(s.properties ?? {});
    const onlyNames = props.every((p) => p === "name" || p === "generateName");
    const { type: _type, default: _default, properties: _properties, valueValidation, ...rest } = s;
    const extra = Object.values(rest).some((v) => v !== undefined) || (valueValidation && Object.keys(valueValidation).length > 0);
    if (!onlyNames || extra) {
      errs.push(forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
    }
  }
  return errs;
}

const isIntegerOrString = (n: NestedValueValidation, type: string) =>
  n.forbiddenGenerics.type === type &&
  Object.keys(n.valueValidation).length === 0 &&
  Object.keys(n.forbiddenGenerics).length === 1 &&
  Object.keys(n.forbiddenExtensions).length === 0 &&
  !n.items && !n.properties && !n.additionalProperties && !n.xValidations;

/** `anyOf: [{type: integer}, {type: string}]`, the int-or-string pattern. */
function isIntOrStringPair(anyOf: NestedValueValidation[] | undefined): boolean {
  return anyOf?.length === 2 && isIntegerOrString(anyOf[0]!, "integer") && isIntegerOrString(anyOf[1]!, "string");
}
const isIntOrStringAnyOf = (s: Structural) => isIntOrStringPair(s.valueValidation?.anyOf);
const isIntOrStringAllOf = (s: Structural) => isIntOrStringPair(s.valueValidation?.allOf?.[0]?.valueValidation.anyOf);

function validateValueValidation(
  v: ValueValidation | undefined,
  skipAnyOf: boolean,
  skipFirstAllOfAnyOf: boolean,
  lvl: Level,
  path: FieldPath,
): FieldError[] {
  if (!v) return [];
  const errs: FieldError[] = [];
  if (!skipAnyOf) v.anyOf?.forEach((n, i) => errs.push(...validateNested(n, false, lvl, path.child("anyOf").index(i))));
  v.allOf?.forEach((n, i) => errs.push(...validateNested(n, skipFirstAllOfAnyOf && i === 0, lvl, path.child("allOf").index(i))));
  v.oneOf?.forEach((n, i) => errs.push(...validateNested(n, false, lvl, path.child("oneOf").index(i))));
  if (v.not) errs.push(...validateNested(v.not, false, lvl, path.child("not")));
  if (v.pattern) {
    const problem = translateGoRegexp(v.pattern).error;
    if (problem) errs.push(invalid(path.child("pattern"), v.pattern, `must be a valid regular expression, but isn't: ${problem}`));
  }
  return errs;
}

function validateNested(v: NestedValueValidation, skipAnyOf: boolean, lvl: Level, path: FieldPath): FieldError[] {
  const errs = validateValueValidation(v.valueValidation, skipAnyOf, false, lvl, path);
  if (v.items) errs.push(...validateNested(v.items, false, lvl, path.child("items")));
  for (const [k, p] of Object.entries(v.properties ?? {})) {
    errs.push(...validateNested(p, false, "field", path.child("properties").key(k)));
  }
  const g = v.forbiddenGenerics;
  if (g.type) errs.push(forbidden(path.child("type"), "must be empty to be structural"));
  if (v.additionalProperties) errs.push(forbidden(path.child("additionalProperties"), "must be undefined to be structural"));
  if (g.default !== undefined) errs.push(forbidden(path.child("default"), "must be undefined to be structural"));
  if (g.title) errs.push(forbidden(path.child("title"), "must be empty to be structural"));
  if (g.description) errs.push(forbidden(path.child("description"), "must be empty to be structural"));
  if (g.nullable) errs.push(forbidden(path.child("nullable"), "must be false to be structural"));
  if (g.externalDocs) errs.push(forbidden(path.child("externalDocs"), "must be undefined to be structural"));
  const x = v.forbiddenExtensions;
  if (x.xPreserveUnknownFields) errs.push(forbidden(path.child("x-kubernetes-preserve-unknown-fields"), "must be false to be structural"));
  if (x.xEmbeddedResource) errs.push(forbidden(path.child("x-kubernetes-embedded-resource"), "must be false to be structural"));
  if (x.xIntOrString) errs.push(forbidden(path.child("x-kubernetes-int-or-string"), "must be false to be structural"));
  if (x.xListMapKeys?.length) errs.push(forbidden(path.child("x-kubernetes-list-map-keys"), "must be empty to be structural"));
  if (x.xListType !== undefined) errs.push(forbidden(path.child("x-kubernetes-list-type"), "must be undefined to be structural"));
  if (x.xMapType !== undefined) errs.push(forbidden(path.child("x-kubernetes-map-type"), "must be undefined to be structural"));
  if (v.xValidations?.length) errs.push(forbidden(path.child("x-kubernetes-validations"), "must be empty to be structural"));
  if (v.properties?.["metadata"]) {
    errs.push(forbidden(path.child("properties").key("metadata"), "must not be specified in a nested context"));
  }
  return errs;
}

// ---- completeness: what a junctor names must exist in the structure ----

function validateCompleteness(s: Structural, path: FieldPath): FieldError[] {
  return completeStructural(s, path);
}

function completeStructural(s: Structural | undefined, path: FieldPath): FieldError[] {
  if (!s) return [];
  const errs: FieldError[] = [];
  for (const [k, p] of Object.entries(s.properties ?? {})) errs.push(...completeStructural(p, path.child("properties").key(k)));
  errs.push(...completeStructural(s.items, path.child("items")));
  errs.push(...completeStructural(s.additionalProperties?.schema, path.child("additionalProperties")));
  errs.push(...completeValueValidation(s.valueValidation, s, path, path));
  return errs;
}

function completeValueValidation(v: ValueValidation | undefined, s: Structural, sPath: FieldPath, vPath: FieldPath): FieldError[] {
  if (!v) return [];
  const errs: FieldError[] = [];
  v.allOf?.forEach((n, i) => errs.push(...completeNested(n, s, sPath, vPath.child("allOf").index(i))));
  v.anyOf?.forEach((n, i) => errs.push(...completeNested(n, s, sPath, vPath.child("anyOf").index(i))));
  v.oneOf?.forEach((n, i) => errs.push(...completeNested(n, s, sPath, vPath.child("oneOf").index(i))));
  if (v.not) errs.push(...completeNested(v.not, s, sPath, vPath.child("not")));
  return errs;
}

function completeNested(n: NestedValueValidation, s: Structural | undefined, sPath: FieldPath, vPath: FieldPath): FieldError[] {
  if (!s) return [required(sPath, `because it is defined in ${vPath.toString()}`)];
  const errs = completeValueValidation(n.valueValidation, s, sPath, vPath);
  if (n.items) errs.push(...completeNested(n.items, s.items, sPath.child("items"), vPath.child("items")));
  for (const [k, p] of Object.entries(n.properties ?? {})) {
    errs.push(...completeNested(p, s.properties?.[k], sPath.child("properties").key(k), vPath.child("properties").key(k)));
  }
  return errs;
}

