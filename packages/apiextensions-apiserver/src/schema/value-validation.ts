// Validating a value against a CRD schema (upstream: kube-openapi's
// validate.SchemaValidator, as apiextensions-apiserver runs it, and
// kubeOpenAPIResultToFieldErrors, which turns its results into field errors).
//
// Errors name the field as kube-openapi does (`spec.replicas`,
// `spec.ports[0].name`, `spec.labels.app`) and repeat that name in the
// message: `spec.replicas: Invalid value: 15: spec.replicas in body should be
// less than or equal to 10`. Every bad field is reported.
//
// Ratcheting (upstream's default, CRDValidationRatcheting): on update, a
// subtree whose value equals its correlated old value is not validated again,
// so an object stored before the schema tightened can still be updated
// elsewhere. Object fields correlate by name, list-type=map items by their
// keys, list-type=set items by value; atomic list items do not correlate.

import {
  type FieldError,
  type FieldPath,
  invalid,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
} from "@tskube/apimachinery";
import { correlateMapListItems } from "./correlation.js";
import { stringFormatChecker } from "./formats.js";
import { childName, deepEqual, indexName, isObject, jsonTypeName } from "./json.js";
import { translateGoRegexp } from "./regexp.js";
import { type Structural, nestedToStructural } from "./structural.js";

export interface ValueValidationOptions {
  /** Prepended to every error's field path (upstream's fldPath; none for a custom resource). */
  basePath?: FieldPath;
  /** The old value on update, for ratcheting. */
  old?: unknown;
}

/** One kube-openapi validation result before it becomes a field error. */
interface Result {
  kind: "type" | "required" | "enum" | "tooLong" | "maxItems" | "maxProperties" | "other";
  name: string;
  value: unknown;
  message: string;
  enumValues?: unknown[];
  max?: number;
}

const NO_OLD: unique symbol = Symbol("no old value");
type Old = unknown;

export function validateValue(value: unknown, schema: Structural, opts: ValueValidationOptions = {}): FieldError[] {
  const results: Result[] = [];
  validate(value, schema, "", "old" in opts ? opts.old : NO_OLD, results);
  return results.map((r) => toFieldError(r, opts.basePath));
}

function toFieldError(r: Result, base: FieldPath | undefined): FieldError {
  // Without a base path, errors for the root go to a nil path, which upstream prints as <nil>.
  const path = r.name === "" ? (base?.toString() ?? "<nil>") : base ? base.child(r.name).toString() : r.name;
  switch (r.kind) {
    case "required":
      return required(path);
    case "enum":
      return notSupported(path, r.value, (r.enumValues ?? []).map((v) => (typeof v === "string" ? v : JSON.stringify(v))));
    case "tooLong":
      return tooLong(path, r.max ?? -1);
    case "maxItems":
    case "maxProperties":
      return tooMany(path, typeof r.value === "number" ? r.value : -1, r.max ?? -1);
    case "type":
      return typeInvalid(path, r.value ?? "", r.message);
    default:
      return invalid(path, r.value ?? "", r.message);
  }
}

/** `<name> in body <text>`, kube-openapi's wording. */
const msg = (name: string, text: string) => `${name} in body ${text}`;

function validate(value: unknown, s: Structural, name: string, old: Old, out: Result[]): void {
  // Ratcheting: an unchanged correlated subtree is tolerated as it is.
  if (old !== NO_OLD && deepEqual(value, old)) return;

  if (value === null || value === undefined) {
    if (!s.nullable) {
      const types = declaredTypes(s);
      if (types.length > 0) {
        out.push({ kind: "type", name, value: "null", message: msg(name, `must be of type ${types.join(",")}: "null"`) });
      }
    }
    // A null value has nothing more to check.
    validateJunctors(value, s, name, out);
    return;
  }

  const actual = jsonTypeName(value);
  const types = declaredTypes(s);
  if (types.length > 0 && !types.some((t) => t === actual || (t === "number" && actual === "integer"))) {
    out.push({ kind: "type", name, value: actual, message: msg(name, `must be of type ${types.join(",")}: "${actual}"`) });
  }

  validateJunctors(value, s, name, out);
  const vv = s.valueValidation;

  if (typeof value === "string") {
    const length = [...value].length;
    if (vv?.maxLength !== undefined && length > vv.maxLength) {
      out.push({ kind: "tooLong", name, value, max: vv.maxLength, message: msg(name, `should be at most ${vv.maxLength} chars long`) });
    }
    if (vv?.minLength !== undefined && length < vv.minLength) {
      out.push({ kind: "other", name, value, message: msg(name, `should be at least ${vv.minLength} chars long`) });
    }
    if (vv?.pattern) {
      const re = translateGoRegexp(vv.pattern).regexp;
      if (re && !re.test(value)) out.push({ kind: "other", name, value, message: msg(name, `should match '${vv.pattern}'`) });
    }
    const format = formatFor(s);
    const check = stringFormatChecker(format);
    if (format && check && !check(value)) {
      out.push({ kind: "type", name, value, message: msg(name, `must be of type ${format}: ${JSON.stringify(value)}`) });
    }
  }

  if (typeof value === "number") {
    if (vv?.multipleOf !== undefined && vv.multipleOf > 0 && !isMultipleOf(value, vv.multipleOf)) {
      out.push({ kind: "other", name, value, message: msg(name, `should be a multiple of ${vv.multipleOf}`) });
    }
    if (vv?.maximum !== undefined && (vv.exclusiveMaximum ? value >= vv.maximum : value > vv.maximum)) {
      const text = vv.exclusiveMaximum ? `should be less than ${vv.maximum}` : `should be less than or equal to ${vv.maximum}`;
      out.push({ kind: "other", name, value, message: msg(name, text) });
    }
    if (vv?.minimum !== undefined && (vv.exclusiveMinimum ? value <= vv.minimum : value < vv.minimum)) {
      const text = vv.exclusiveMinimum ? `should be greater than ${vv.minimum}` : `should be greater than or equal to ${vv.minimum}`;
      out.push({ kind: "other", name, value, message: msg(name, text) });
    }
  }

  if (Array.isArray(value)) {
    const size = value.length;
    if (vv?.maxItems !== undefined && size > vv.maxItems) {
      out.push({ kind: "maxItems", name, value: size, max: vv.maxItems, message: msg(name, `should have at most ${vv.maxItems} items`) });
    }
    if (vv?.minItems !== undefined && size < vv.minItems) {
      out.push({ kind: "other", name, value: size, message: msg(name, `should have at least ${vv.minItems} items`) });
    }
    if (vv?.uniqueItems && value.some((v, i) => value.findIndex((w) => deepEqual(v, w)) !== i)) {
      out.push({ kind: "other", name, value: "", message: msg(name, "shouldn't contain duplicates") });
    }
    if (s.items) {
      const oldItems = correlateItems(s, value, old);
      value.forEach((item, i) => validate(item, s.items!, indexName(name, i), oldItems[i], out));
    }
  }

  if (vv?.enum && !vv.enum.some((e) => deepEqual(e, value))) {
    out.push({ kind: "enum", name, value, enumValues: vv.enum, message: msg(name, `should be one of ${JSON.stringify(vv.enum)}`) });
  }

  if (isObject(value)) {
    const keys = Object.keys(value);
    if (vv?.maxProperties !== undefined && keys.length > vv.maxProperties) {
      out.push({
        kind: "maxProperties", name, value: keys.length, max: vv.maxProperties,
        message: msg(name, `should have at most ${vv.maxProperties} properties`),
      });
    }
    if (vv?.minProperties !== undefined && keys.length < vv.minProperties) {
      out.push({ kind: "other", name, value: keys.length, message: msg(name, `should have at least ${vv.minProperties} properties`) });
    }
    for (const r of vv?.required ?? []) {
      if (!Object.hasOwn(value, r)) out.push({ kind: "required", name: childName(name, r), value: undefined, message: msg(childName(name, r), "is required") });
    }
    const oldObj = old !== NO_OLD && isObject(old) ? old : undefined;
    for (const k of keys) {
      const child = s.properties?.[k] ?? s.additionalProperties?.schema;
      const oldChild = oldObj && Object.hasOwn(oldObj, k) ? oldObj[k] : NO_OLD;
      if (child) validate(value[k], child, childName(name, k), oldChild, out);
      else if (s.additionalProperties?.allows === false && !s.properties?.[k]) {
        out.push({ kind: "other", name: childName(name, k), value: k, message: `${childName(name, k)} in body is a forbidden property` });
      }
    }
  }
}

function validateJunctors(value: unknown, s: Structural, name: string, out: Result[]): void {
  const vv = s.valueValidation;
  if (!vv) return;
  // Upstream's composite errors carry no field name: they are reported at the
  // root with the field quoted in the message.
  const composite = (text: string): Result => ({ kind: "other", name: "", value: "", message: `${JSON.stringify(name)} ${text}` });

  for (const n of vv.allOf ?? []) validate(value, nestedToStructural(n), name, NO_OLD, out);

  if (vv.anyOf?.length) {
    let best: Result[] | undefined;
    let ok = false;
    for (const n of vv.anyOf) {
      const r: Result[] = [];
      validate(value, nestedToStructural(n), name, NO_OLD, r);
      if (r.length === 0) {
        ok = true;
        break;
      }
      if (!best || r.length < best.length) best = r;
    }
    if (!ok) {
      out.push(composite("must validate at least one schema (anyOf)"));
      if (best) out.push(...best);
    }
  }

  if (vv.oneOf?.length) {
    let valid = 0;
    let best: Result[] | undefined;
    for (const n of vv.oneOf) {
      const r: Result[] = [];
      validate(value, nestedToStructural(n), name, NO_OLD, r);
      if (r.length === 0) valid++;
      else if (!best || r.length < best.length) best = r;
    }
    if (valid !== 1) {
      const found = valid === 0 ? "Found none valid" : `Found ${valid} valid alternatives`;
      out.push(composite(`must validate one and only one schema (oneOf). ${found}`));
      if (valid === 0 && best) out.push(...best);
    }
  }

  if (vv.not) {
    const r: Result[] = [];
    validate(value, nestedToStructural(vv.not), name, NO_OLD, r);
    if (r.length === 0) out.push(composite("must not validate the schema (not)"));
  }
}

/** The types a value may have: int-or-string allows both. */
function declaredTypes(s: Structural): string[] {
  if (s.xIntOrString) return ["integer", "string"];
  return s.type ? [s.type] : [];
}

function formatFor(s: Structural): string | undefined {
  const f = s.valueValidation?.format;
  return f && (s.type === "string" || s.type === "") ? f : undefined;
}

function isMultipleOf(value: number, factor: number): boolean {
  const q = value / factor;
  return Math.abs(q - Math.round(q)) < 1e-9 * Math.max(1, Math.abs(q));
}

/** For each new item, the old item it correlates with (or NO_OLD): map lists by key, sets by value. */
function correlateItems(s: Structural, items: unknown[], old: Old): Old[] {
  if (old === NO_OLD || !Array.isArray(old)) return items.map((): Old => NO_OLD);
  if (s.xListType === "set") return items.map((v) => (old.some((o) => deepEqual(o, v)) ? v : NO_OLD));
  return correlateMapListItems(s, items, old, NO_OLD);
}
