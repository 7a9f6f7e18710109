// Validation of LimitRanges (upstream: ValidateLimitRange in
// pkg/apis/core/validation/validation.go): one entry per type, resource
// names that fit the type, and bounds that are consistent (min <= default
// request <= default <= max, ratios of at least 1 and within max/min).
// Upstream prints the offending Quantity as a Go struct; we print its string.

import { type FieldError, FieldPath, duplicate, forbidden, invalid, isQualifiedName, required } from "@tskube/apimachinery";
import type { ResourceList } from "../pod-spec/schema.js";
import { quantityOrError } from "../validation/quantity.js";
import { isOvercommitAllowed, validateContainerResourceName, validateResourceName } from "../validation/resource-names.js";
import { LIMIT_TYPES, type LimitRange, type LimitRangeItem } from "./schema.js";

const LIST_FIELDS = ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"] as const;
type ListField = (typeof LIST_FIELDS)[number];

function validateLimitType(type: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(type).map((msg) => invalid(path, type, msg));
  if (errs.length > 0) return errs;
  if (!type.includes("/") && !(LIMIT_TYPES as readonly string[]).includes(type)) return [invalid(path, type, "must be a standard limit type or fully qualified")];
  return [];
}

/** Pods and containers take container resources; other types any resource name. */
function validateLimitResourceName(type: string, name: string, path: FieldPath): FieldError[] {
  return type === "Pod" || type === "Container" ? validateContainerResourceName(name, path) : validateResourceName(name, path);
}

function validateItem(item: LimitRangeItem, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const amounts: Partial<Record<ListField, Map<string, { text: string; value: number }>>> = {};
  const keys = new Set<string>();
  const collect = (field: ListField, list: ResourceList | undefined) => {
    const found = new Map<string, { text: string; value: number }>();
    for (const [name, text] of Object.entries(list ?? {})) {
      const p = path.child(field).key(name);
      errs.push(...validateLimitResourceName(item.type, name, p));
      keys.add(name);
      const value = quantityOrError(text, p, errs);
      if (value !== undefined) found.set(name, { text, value });
    }
    amounts[field] = found;
  };
  collect("max", item.max);
  collect("min", item.min);
  if (item.type === "Pod") {
    // Pods get no defaults: defaults go to containers.
    if (Object.keys(item.default ?? {}).length > 0) errs.push(forbidden(path.child("default"), "may not be specified when `type` is 'Pod'"));
    if (Object.keys(item.defaultRequest ?? {}).length > 0) errs.push(forbidden(path.child("defaultRequest"), "may not be specified when `type` is 'Pod'"));
  } else {
    collect("default", item.default);
    collect("defaultRequest", item.defaultRequest);
  }
  if (item.type === "PersistentVolumeClaim" && item.min?.storage === undefined && item.max?.storage === undefined) {
    errs.push(required(path.child("limits"), "either minimum or maximum storage value is required, but neither was provided"));
  }
  collect("maxLimitRequestRatio", item.maxLimitRequestRatio);

  for (const k of [...keys].sort()) {
    const min = amounts.min?.get(k);
    const max = amounts.max?.get(k);
    const def = amounts.default?.get(k);
    const defReq = amounts.defaultRequest?.get(k);
    const ratio = amounts.maxLimitRequestRatio?.get(k);
    const at = (field: ListField) => path.child(field).key(k);
    if (min && max && min.value > max.value) errs.push(invalid(at("min"), min.text, `min value ${min.text} is greater than max value ${max.text}`));
    if (defReq && min && min.value > defReq.value) {
      errs.push(invalid(at("defaultRequest"), defReq.text, `min value ${min.text} is greater than default request value ${defReq.text}`));
    }
    if (defReq && max && defReq.value > max.value) {
      errs.push(invalid(at("defaultRequest"), defReq.text, `default request value ${defReq.text} is greater than max value ${max.text}`));
    }
    if (defReq && def && defReq.value > def.value) {
      errs.push(invalid(at("defaultRequest"), defReq.text, `default request value ${defReq.text} is greater than default limit value ${def.text}`));
    }
    if (def && min && min.value > def.value) errs.push(invalid(at("default"), min.text, `min value ${min.text} is greater than default value ${def.text}`));
    if (def && max && def.value > max.value) errs.push(invalid(at("default"), max.text, `default value ${def.text} is greater than max value ${max.text}`));
    if (ratio && ratio.value < 1) errs.push(invalid(at("maxLimitRequestRatio"), ratio.text, `ratio ${ratio.text} is less than 1`));
    if (ratio && min && max) {
      const limit = max.value / min.value;
      if (ratio.value > limit) errs.push(invalid(at("maxLimitRequestRatio"), ratio.text, `ratio ${ratio.text} is greater than max/min = ${limit.toFixed(6)}`));
    }
    // Huge pages and extended resources cannot be overcommitted: their default limit is their default request.
    if (!isOvercommitAllowed(k) && def && defReq && def.value !== defReq.value) {
      errs.push(invalid(at("defaultRequest"), defReq.text, `default value ${def.text} must equal to defaultRequest value ${defReq.text} in ${k}`));
    }
  }
  return errs;
}

export function validateLimitRange(lr: LimitRange): FieldError[] {
  const path = FieldPath.root("spec", "limits");
  const errs: FieldError[] = [];
  const types = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = path.index(i);
    errs.push(...validateLimitType(item.type, p.child("type")));
    if (types.has(item.type)) errs.push(duplicate(p.child("type"), item.type));
    types.add(item.type);
    errs.push(...validateItem(item, p));
  });
  return errs;
}
