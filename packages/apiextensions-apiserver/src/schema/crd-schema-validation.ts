// Validation of a CRD version's schema (upstream: apis/apiextensions/validation
// validateCustomResourceDefinitionValidation and
// ValidateCustomResourceDefinitionOpenAPISchema). Paths start at the
// version's `schema`, e.g. `spec.versions[0].schema`:
//
//   spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields
//
// Order of the checks, as upstream: the schema must be structural; if so its
// defaults must be valid; then every node is checked against the keywords and
// extensions CRDs allow; CEL rules are compiled (and their estimated cost
// checked) only at nodes where no schema error was found at or below.

import { type FieldError, FieldPath, forbidden, internalError, invalid, notSupported, required } from "@tskube/apimachinery";
import { type RuleCompilation, compileRules } from "../cel/compile.js";
import { STATIC_ESTIMATED_COST_LIMIT, STATIC_ESTIMATED_CRD_COST_LIMIT, estimateMaxItems, minSerializedSize } from "../cel/limits.js";
import { validateDefaults } from "./defaults-validation.js";
import { validFieldPath } from "./field-path.js";
import { toStructural } from "./structural.js";
import { validateStructural } from "./structural-validation.js";
import type { JSONSchemaProps } from "./types.js";

export interface CRDSchemaValidationOptions {
  /** The version has a status subresource: the root may then only use a few keywords. */
  statusSubresource?: boolean;
  /**
   * The relaxations upstream grants when a CRD already stored an older,
   * looser schema (update only). All are strict by default.
   */
  requireStructural?: boolean;
  requirePrunedDefaults?: boolean;
  requireAtomicSetType?: boolean;
  requireMapListKeysMapSetValidation?: boolean;
  requireValidPropertyType?: boolean;
}

const OPENAPI_V3_TYPES = ["array", "boolean", "integer", "number", "object", "string"];
const SUPPORTED_REASONS = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"];
const META_FIELDS = new Set(["metadata", "kind", "apiVersion"]);

/** The keywords allowed at the root with a status subresource, in upstream's (Go field) order and naming. */
const ROOT_FIELDS_WITH_STATUS: [keyof JSONSchemaProps, string][] = [
  ["description", "Description"], ["type", "Type"], ["format", "Format"], ["title", "Title"], ["maximum", "Maximum"],
  ["exclusiveMaximum", "ExclusiveMaximum"], ["minimum", "Minimum"], ["exclusiveMinimum", "ExclusiveMinimum"],
  ["maxLength", "MaxLength"], ["minLength", "MinLength"], ["pattern", "Pattern"], ["maxItems", "MaxItems"],
  ["minItems", "MinItems"], ["uniqueItems", "UniqueItems"], ["multipleOf", "MultipleOf"], ["required", "Required"],
  ["items", "Items"], ["properties", "Properties"], ["externalDocs", "ExternalDocs"], ["example", "Example"],
  ["x-kubernetes-preserve-unknown-fields", "XPreserveUnknownFields"], ["x-kubernetes-validations", "XValidations"],
];

export function validateCustomResourceSchema(
  validation: { openAPIV3Schema?: JSONSchemaProps } | undefined,
  path: FieldPath,
  options: CRDSchemaValidationOptions = {},
): FieldError[] {
  const schema = validation?.openAPIV3Schema;
  if (!schema) return [];
  const opts = {
    requireStructural: true, requirePrunedDefaults: true, requireAtomicSetType: true,
    requireMapListKeysMapSetValidation: true, requireValidPropertyType: true, ...options,
  };
  const root = path.child("openAPIV3Schema");
  const errs: FieldError[] = [];

  if (opts.statusSubresource) errs.push(...validateRootWithStatus(schema, path));
  if (schema.nullable) errs.push(forbidden(path.child("openAPIV3Schema.nullable"), "nullable cannot be true at the root"));

  let cel: CELContext | undefined;
  if (opts.requireStructural) {
    const ss = toStructural(schema);
    const structuralErrs = validateStructural(root, ss);
    if (structuralErrs.length > 0) errs.push(...structuralErrs);
    else {
      const defaultErrs = validateDefaults(root, ss, opts.requirePrunedDefaults);
      if (defaultErrs.length > 0) errs.push(...defaultErrs);
      else cel = { cardinality: 1, total: { cost: 0, mostExpensive: [] } };
    }
  }

  const walker = new SchemaWalker(opts);
  const { schemaErrors, celErrors } = walker.walk(schema, root, { allowDefaults: true, insideMeta: false }, true, cel);
  errs.push(...schemaErrors, ...celErrors);

  if (cel && cel.total.cost > STATIC_ESTIMATED_CRD_COST_LIMIT) {
    for (const e of cel.total.mostExpensive) {
      errs.push(forbidden(e.path, "contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema"));
    }
    errs.push(
      forbidden(
        root,
        costErrorMessage("x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema", cel.total.cost, STATIC_ESTIMATED_CRD_COST_LIMIT),
      ),
    );
  }
  return errs;
}

function validateRootWithStatus(schema: JSONSchemaProps, path: FieldPath): FieldError[] {
  const allowed = new Set(ROOT_FIELDS_WITH_STATUS.map(([k]) => k as string));
  for (const [key, value] of Object.entries(schema)) {
    if (value === undefined || value === false || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    if (key === "type") {
      if (value !== "object") {
        return [invalid(path.child("openAPIV3Schema.type"), value, `only "object" is allowed as the type at the root of the schema if the status subresource is enabled`)];
      }
      continue;
    }
    if (!allowed.has(key)) {
      const names = ROOT_FIELDS_WITH_STATUS.map(([, n]) => n).join(" ");
      return [invalid(path.child("openAPIV3Schema"), schema, `only [${names}] fields are allowed at the root of the schema if the status subresource is enabled`)];
    }
  }
  return [];
}

/** What a node inherits from its ancestors. */
interface Context {
  allowDefaults: boolean;
  disallowDefaultsReason?: string;
  insideMeta: boolean;
  /** The first ancestor below which old and new values cannot be correlated (oldSelf is meaningless there). */
  uncorrelatablePath?: FieldPath;
}

interface CELContext {
  /** How many times a rule here may run for one object: the product of the maxItems/maxProperties above. */
  cardinality: number;
  total: { cost: number; mostExpensive: { path: FieldPath; cost: number }[] };
}

interface WalkErrors {
  schemaErrors: FieldError[];
  celErrors: FieldError[];
}

class SchemaWalker {
  constructor(private readonly opts: Required<Omit<CRDSchemaValidationOptions, "statusSubresource">> & CRDSchemaValidationOptions) {}

  walk(schema: JSONSchemaProps | undefined, path: FieldPath, ctx: Context, isRoot: boolean, cel: CELContext | undefined): WalkErrors {
    const out: WalkErrors = { schemaErrors: [], celErrors: [] };
    if (!schema) return out;
    const add = (r: WalkErrors) => {
      out.schemaErrors.push(...r.schemaErrors);
      out.celErrors.push(...r.celErrors);
    };
    const se = out.schemaErrors;
    se.push(...this.keywordErrors(schema, path, ctx));

    if (schema.uniqueItems) se.push(forbidden(path.child("uniqueItems"), "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));

    if (schema.additionalProperties !== undefined) {
      const ap = schema.additionalProperties;
      if (Object.keys(schema.properties ?? {}).length > 0 && (ap === false || typeof ap === "object")) {
        se.push(forbidden(path.child("additionalProperties"), "additionalProperties and properties are mutual exclusive"));
      }
      let sub = ctx;
      // Pruning without a value is ambiguous, so no defaults in metadata maps.
      if (ctx.insideMeta) sub = { ...ctx, allowDefaults: false, disallowDefaultsReason: "inside additionalProperties applying to object metadata" };
      if (typeof ap === "object") add(this.walk(ap, path.child("additionalProperties"), sub, false, cel && childCEL(cel, schema.maxProperties, ap)));
    }

    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      let sub = ctx;
      if (!mapIsCorrelatable(schema["x-kubernetes-map-type"])) sub = forbidOldSelf(sub, path);
      if ((isRoot || schema["x-kubernetes-embedded-resource"]) && META_FIELDS.has(name)) {
        sub = { ...sub, insideMeta: true };
        if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${name}` };
      }
      add(this.walk(prop, path.child("properties").key(name), sub, false, cel && { ...cel }));
    }

    add(this.walk(schema.not, path.child("not"), ctx, false, undefined));
    schema.allOf?.forEach((s, i) => add(this.walk(s, path.child("allOf").index(i), ctx, false, undefined)));
    schema.oneOf?.forEach((s, i) => add(this.walk(s, path.child("oneOf").index(i), ctx, false, undefined)));
    schema.anyOf?.forEach((s, i) => add(this.walk(s, path.child("anyOf").index(i), ctx, false, undefined)));
    for (const [k, s] of Object.entries(schema.definitions ?? {})) add(this.walk(s, path.child("definitions").key(k), ctx, false, undefined));

    if (schema.items !== undefined) {
      // Only map lists correlate old and new items.
      const sub = schema["x-kubernetes-list-type"] === "map" ? ctx : forbidOldSelf(ctx, path);
      if (Array.isArray(schema.items)) {
        schema.items.forEach((s, i) => add(this.walk(s, path.child("items").index(i), sub, false, cel && childCEL(cel, schema.maxItems, s))));
      } else {
        add(this.walk(schema.items, path.child("items"), sub, false, cel && childCEL(cel, schema.maxItems, schema.items)));
      }
    }
    for (const [k, d] of Object.entries(schema.dependencies ?? {})) {
      if (!Array.isArray(d)) add(this.walk(d, path.child("dependencies").key(k), ctx, false, undefined));
    }

    se.push(...this.extensionErrors(schema, path));
    se.push(...this.ruleTextErrors(schema, path));

    // CEL only where the schema here and below is sound: otherwise the
    // compiler's complaints would only be echoes of the schema errors.
    if (se.length === 0 && cel && schema["x-kubernetes-validations"]?.length) {
      out.celErrors.push(...this.celErrors(schema, path, ctx, cel, isRoot));
    }
    return out;
  }

  /** The keywords CRDs may not use (upstream: specStandardValidatorV3.validate). */
  private keywordErrors(schema: JSONSchemaProps, path: FieldPath, ctx: Context): FieldError[] {
    const errs: FieldError[] = [];
    if (this.opts.requireValidPropertyType && schema.type && !OPENAPI_V3_TYPES.includes(schema.type)) {
      errs.push(notSupported(path.child("type"), schema.type, OPENAPI_V3_TYPES));
    }
    if (schema.default !== undefined && !ctx.allowDefaults) {
      errs.push(forbidden(path.child("default"), ctx.disallowDefaultsReason ? `must not be set ${ctx.disallowDefaultsReason}` : "must not be set"));
    }
    if (schema.id) errs.push(forbidden(path.child("id"), "id is not supported"));
    if (schema.additionalItems !== undefined) errs.push(forbidden(path.child("additionalItems"), "additionalItems is not supported"));
    if (Object.keys(schema.patternProperties ?? {}).length > 0) errs.push(forbidden(path.child("patternProperties"), "patternProperties is not supported"));
    if (Object.keys(schema.definitions ?? {}).length > 0) errs.push(forbidden(path.child("definitions"), "definitions is not supported"));
    if (schema.dependencies !== undefined) errs.push(forbidden(path.child("dependencies"), "dependencies is not supported"));
    if (schema.$ref !== undefined) errs.push(forbidden(path.child("$ref"), "$ref is not supported"));
    if (schema.type === "null") errs.push(forbidden(path.child("type"), "type cannot be set to null, use nullable as an alternative"));
    if (Array.isArray(schema.items) && schema.items.length > 0) errs.push(forbidden(path.child("items"), "items must be a schema object and not an array"));
    if (ctx.insideMeta && schema["x-kubernetes-embedded-resource"]) {
      errs.push(forbidden(path.child("x-kubernetes-embedded-resource"), "must not be used inside of resource meta"));
    }
    return errs;
  }

  private extensionErrors(schema: JSONSchemaProps, path: FieldPath): FieldError[] {
    const errs: FieldError[] = [];
    const listType = schema["x-kubernetes-list-type"];
    const mapType = schema["x-kubernetes-map-type"];
    const mapKeys = schema["x-kubernetes-list-map-keys"] ?? [];
    const items = Array.isArray(schema.items) ? undefined : schema.items;

    if (schema["x-kubernetes-preserve-unknown-fields"] === false) {
      errs.push(invalid(path.child("x-kubernetes-preserve-unknown-fields"), false, "must be true or undefined"));
    }
    if (mapType !== undefined && schema.type !== "object") {
      const m = "must be object if x-kubernetes-map-type is specified";
      errs.push(schema.type ? invalid(path.child("type"), schema.type, m) : required(path.child("type"), m));
    }
    if (mapType !== undefined && mapType !== "atomic" && mapType !== "granular") {
      errs.push(notSupported(path.child("x-kubernetes-map-type"), mapType, ["atomic", "granular"]));
    }
    if (listType !== undefined && schema.type !== "array") {
      const m = "must be array if x-kubernetes-list-type is specified";
      errs.push(schema.type ? invalid(path.child("type"), schema.type, m) : required(path.child("type"), m));
    } else if (this.opts.requireAtomicSetType && listType === "set" && items) {
      const m = "must be atomic as item of a list with x-kubernetes-list-type=set";
      if (items.type === "array" && items["x-kubernetes-list-type"] !== undefined && items["x-kubernetes-list-type"] !== "atomic") {
        errs.push(invalid(path.child("items").child("x-kubernetes-list-type"), items["x-kubernetes-list-type"], m));
      } else if (items.type === "object" && items["x-kubernetes-map-type"] !== "atomic") {
        // Upstream reports the item's list type here (null), not its map type.
        errs.push(invalid(path.child("items").child("x-kubernetes-map-type"), items["x-kubernetes-list-type"] ?? null, m));
      }
    }
    if (listType !== undefined && !["atomic", "set", "map"].includes(listType)) {
      errs.push(notSupported(path.child("x-kubernetes-list-type"), listType, ["atomic", "set", "map"]));
    }
    if (mapKeys.length > 0) {
      const m = "must be map if x-kubernetes-list-map-keys is non-empty";
      if (listType === undefined) errs.push(required(path.child("x-kubernetes-list-type"), m));
      else if (listType !== "map") errs.push(invalid(path.child("x-kubernetes-list-type"), listType, m));
    }
    if (listType === "map") {
      if (mapKeys.length === 0) errs.push(required(path.child("x-kubernetes-list-map-keys"), "must not be empty if x-kubernetes-list-type is map"));
      if (schema.items === undefined) errs.push(required(path.child("items"), "must have a schema if x-kubernetes-list-type is map"));
      if (Array.isArray(schema.items)) errs.push(invalid(path.child("items"), schema.items, "must only have a single schema if x-kubernetes-list-type is map"));
      if (items && items.type !== "object") {
        errs.push(invalid(path.child("items").child("type"), items.type ?? "", "must be object if parent array's x-kubernetes-list-type is map"));
      }
      if (items && items.type === "object") {
        const seen = new Set<string>();
        for (const k of mapKeys) {
          const p = items.properties?.[k];
          if (p) {
            if (p.type === "array" || p.type === "object") {
              errs.push(invalid(path.child("items").child("properties").key(k).child("type"), items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
            }
          } else {
            errs.push(invalid(path.child("x-kubernetes-list-map-keys"), mapKeys, "entries must all be names of item properties"));
          }
          if (seen.has(k)) errs.push(invalid(path.child("x-kubernetes-list-map-keys"), mapKeys, "must not contain duplicate entries"));
          seen.add(k);
        }
      }
    }
    if (this.opts.requireMapListKeysMapSetValidation && items && (listType === "set" || listType === "map")) {
      if (items.nullable) errs.push(forbidden(path.child("items").child("nullable"), `cannot be nullable when x-kubernetes-list-type is ${listType}`));
      if (listType === "map") {
        const req = new Set(items.required ?? []);
        for (const k of mapKeys) {
          const p = items.properties?.[k];
          if (!p) continue;
          if (!req.has(k) && p.default === undefined) {
            errs.push(required(path.child("items").child("properties").key(k).child("default"), "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
          }
          if (p.nullable) {
            errs.push(forbidden(path.child("items").child("properties").key(k).child("nullable"), "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
          }
        }
      }
    }
    return errs;
  }

  /** The text of each rule, message, reason and fieldPath (before any compiling). */
  private ruleTextErrors(schema: JSONSchemaProps, path: FieldPath): FieldError[] {
    const errs: FieldError[] = [];
    (schema["x-kubernetes-validations"] ?? []).forEach((rule, i) => {
      const p = path.child("x-kubernetes-validations").index(i);
      const ruleText = (rule.rule ?? "").trim();
      const msgText = (rule.message ?? "").trim();
      if (ruleText === "") errs.push(required(p.child("rule"), "rule is not specified"));
      else if (rule.message && msgText === "") errs.push(invalid(p.child("message"), rule.message, "message must be non-empty if specified"));
      else if (/[\n\r]/.test(msgText)) errs.push(invalid(p.child("message"), rule.message, "message must not contain line breaks"));
      else if (/[\n\r]/.test(ruleText) && msgText === "") errs.push(required(p.child("message"), "message must be specified if rule contains line breaks"));
      if (rule.messageExpression && rule.messageExpression.trim() === "") {
        errs.push(required(p.child("messageExpression"), "messageExpression must be non-empty if specified"));
      }
      if (rule.reason !== undefined && !SUPPORTED_REASONS.includes(rule.reason)) {
        errs.push(notSupported(p.child("reason"), rule.reason, SUPPORTED_REASONS));
      }
      if (rule.fieldPath !== undefined) {
        if (rule.fieldPath.length > 0 && rule.fieldPath.trim() === "") errs.push(invalid(p.child("fieldPath"), rule.fieldPath, "fieldPath must be non-empty if specified"));
        if (/[\n\r]/.test(rule.fieldPath)) errs.push(invalid(p.child("fieldPath"), rule.fieldPath, "fieldPath must not contain line breaks"));
        if (rule.fieldPath.length > 0 && !validFieldPath(rule.fieldPath, toStructural(schema))) {
          errs.push(invalid(p.child("fieldPath"), rule.fieldPath, "fieldPath must be a valid path"));
        }
      }
    });
    return errs;
  }

  private celErrors(schema: JSONSchemaProps, path: FieldPath, ctx: Context, cel: CELContext, isRoot: boolean): FieldError[] {
    const errs: FieldError[] = [];
    const rules = schema["x-kubernetes-validations"] ?? [];
    let results: RuleCompilation[];
    try {
      results = compileRules(toStructural(schema), { isResourceRoot: isRoot });
    } catch (err) {
      return [internalError(path.child("x-kubernetes-validations"), err)];
    }
    results.forEach((r, i) => {
      const p = path.child("x-kubernetes-validations").index(i);
      const cost = saturatingMultiply(r.maxCost, cel.cardinality);
      if (cost > STATIC_ESTIMATED_COST_LIMIT) {
        errs.push(forbidden(p.child("rule"), costErrorMessage("estimated rule cost", cost, STATIC_ESTIMATED_COST_LIMIT)));
      }
      observeCost(cel, p.child("rule"), cost);
      if (r.error) {
        errs.push(r.error.type === "required" ? required(p.child("rule"), r.error.detail) : invalid(p.child("rule"), rules[i], r.error.detail));
      }
      if (r.messageExpressionError) errs.push(invalid(p.child("messageExpression"), rules[i], r.messageExpressionError.detail));
      else if (r.messageExpressionMaxCost !== undefined) {
        const mcost = saturatingMultiply(r.messageExpressionMaxCost, cel.cardinality);
        if (mcost > STATIC_ESTIMATED_COST_LIMIT) {
          errs.push(forbidden(p.child("messageExpression"), costErrorMessage("estimated messageExpression cost", mcost, STATIC_ESTIMATED_COST_LIMIT)));
        }
        observeCost(cel, p.child("messageExpression"), mcost);
      }
      if (r.usesOldSelf) {
        if (ctx.uncorrelatablePath) {
          errs.push(invalid(p.child("rule"), rules[i]!.rule, `oldSelf cannot be used on the uncorrelatable portion of the schema within ${ctx.uncorrelatablePath.toString()}`));
        }
      } else if (rules[i]!.optionalOldSelf !== undefined) {
        errs.push(invalid(p.child("optionalOldSelf"), rules[i]!.optionalOldSelf, "may not be set if oldSelf is not used in rule"));
      }
    });
    return errs;
  }
}

function forbidOldSelf(ctx: Context, path: FieldPath): Context {
  return ctx.uncorrelatablePath ? ctx : { ...ctx, uncorrelatablePath: path };
}

function mapIsCorrelatable(mapType: string | undefined): boolean {
  return mapType === undefined || mapType === "granular" || mapType === "atomic";
}

/** The context of an items or additionalProperties schema: rules there run once per element. */
function childCEL(parent: CELContext, max: number | undefined, child: JSONSchemaProps): CELContext {
  const n = max ?? estimateMaxItems(minSerializedSize(child));
  return { cardinality: saturatingMultiply(parent.cardinality, n), total: parent.total };
}

function observeCost(cel: CELContext, path: FieldPath, cost: number): void {
  cel.total.cost = Math.min(Number.MAX_SAFE_INTEGER, cel.total.cost + cost);
  const list = cel.total.mostExpensive;
  list.push({ path, cost });
  list.sort((a, b) => b.cost - a.cost);
  if (list.length > 4) list.length = 4;
}

function saturatingMultiply(a: number, b: number): number {
  if (a === 0) return 0;
  return Math.min(Number.MAX_SAFE_INTEGER, a * b);
}

/** How far over the limit an estimate is, worded as upstream (`by factor of 2.5x`). */
export function costErrorMessage(costName: string, cost: number, limit: number): string {
  const factor = cost / limit;
  let text: string;
  if (factor > 100) text = "more than 100x";
  else if (factor < 1.5) text = `${factor.toFixed(6)}x`;
  else text = `${factor.toFixed(1)}x`;
  return `${costName} exceeds budget by factor of ${text} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}
