// Validation of ResourceQuotas (upstream: ValidateResourceQuota,
// ValidateResourceQuotaUpdate and ValidateResourceQuotaStatusUpdate in
// pkg/apis/core/validation/validation.go): resource names quota knows,
// amounts that are not negative (whole numbers for object counts), scopes
// that exist, fit the capped resources and do not contradict each other,
// and scopes that never change after creation. Paths as upstream's (the
// scope selector's have no index).

import { type FieldError, FieldPath, invalid, required } from "@tskube/apimachinery";
import type { ResourceList } from "../pod-spec/schema.js";
import { validateResourceQuantityValue } from "../validation/quantity.js";
import { isQuotaHugePageResourceName, validateResourceName } from "../validation/resource-names.js";
import { QUOTA_SCOPES, type ResourceQuota, type ResourceQuotaSpec } from "./schema.js";

/** The unprefixed resources a quota can cap. */
const STANDARD_QUOTA_RESOURCES: ReadonlySet<string> = new Set([
  "cpu", "memory", "ephemeral-storage",
  "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
  "limits.cpu", "limits.memory", "limits.ephemeral-storage",
  "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims", "configmaps",
  "services.nodeports", "services.loadbalancers",
]);
const POD_COUNT = new Set(["pods"]);
const POD_COMPUTE = new Set(["cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory"]);

const isStandardQuotaResourceName = (name: string): boolean => STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
const isStandardScope = (scope: string): boolean => (QUOTA_SCOPES as readonly string[]).includes(scope);

/** Pod scopes restrict pod counts and pod compute resources only; BestEffort pods have no compute to count. */
function scopeFitsResource(scope: string, resource: string): boolean {
  switch (scope) {
    case "Terminating":
    case "NotTerminating":
    case "NotBestEffort":
    case "PriorityClass":
    case "CrossNamespacePodAffinity":
      return POD_COUNT.has(resource) || POD_COMPUTE.has(resource);
    case "BestEffort":
      return POD_COUNT.has(resource);
    default:
      return true;
  }
}

const CONFLICTING_SCOPES: readonly (readonly [string, string])[] = [
  ["BestEffort", "NotBestEffort"],
  ["Terminating", "NotTerminating"],
];
const EXISTS_ONLY_SCOPES = new Set(["BestEffort", "NotBestEffort", "Terminating", "NotTerminating", "CrossNamespacePodAffinity"]);

export function validateQuotaResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes("/") && !isStandardQuotaResourceName(name)) errs.push(invalid(path, name, "must be a standard resource for quota"));
  return errs;
}

function validateList(list: ResourceList | undefined, path: FieldPath): FieldError[] {
  return Object.entries(list ?? {}).flatMap(([name, value]) => [
    ...validateQuotaResourceName(name, path.key(name)),
    ...validateResourceQuantityValue(name, value, path.key(name)),
  ]);
}

function validateScopes(spec: ResourceQuotaSpec, hard: readonly string[], path: FieldPath): FieldError[] {
  const scopes = spec.scopes ?? [];
  const errs: FieldError[] = [];
  for (const scope of scopes) {
    if (!isStandardScope(scope)) errs.push(invalid(path, scopes, "unsupported scope"));
    for (const resource of hard) {
      if (isStandardQuotaResourceName(resource) && !scopeFitsResource(scope, resource)) errs.push(invalid(path, scopes, "unsupported scope applied to resource"));
    }
  }
  for (const [a, b] of CONFLICTING_SCOPES) if (scopes.includes(a) && scopes.includes(b)) errs.push(invalid(path, scopes, "conflicting scopes"));
  return errs;
}

function validateScopeSelector(spec: ResourceQuotaSpec, hard: readonly string[], path: FieldPath): FieldError[] {
  const selector = spec.scopeSelector;
  if (selector === undefined) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const req of selector.matchExpressions ?? []) {
    if (!isStandardScope(req.scopeName)) errs.push(invalid(path.child("scopeName"), req.scopeName, "unsupported scope"));
    for (const resource of hard) {
      if (isStandardQuotaResourceName(resource) && !scopeFitsResource(req.scopeName, resource)) errs.push(invalid(path, selector, "unsupported scope applied to resource"));
    }
    if (EXISTS_ONLY_SCOPES.has(req.scopeName) && req.operator !== "Exists") {
      errs.push(
        invalid(
          path.child("operator"),
          req.operator,
          "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) errs.push(required(path.child("values"), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) errs.push(invalid(path.child("values"), values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
        break;
      default:
        errs.push(invalid(path.child("operator"), req.operator, "not a valid selector operator"));
    }
    seen.add(req.scopeName);
  }
  for (const [a, b] of CONFLICTING_SCOPES) if (seen.has(a) && seen.has(b)) errs.push(invalid(path, spec.scopes ?? null, "conflicting scopes"));
  return errs;
}

export function validateResourceQuotaSpec(spec: ResourceQuotaSpec, path: FieldPath = FieldPath.root("spec")): FieldError[] {
  // Go walks the map in no order; sorting makes the causes' order stable.
  const hard = Object.keys(spec.hard ?? {}).sort();
  return [
    ...validateList(spec.hard, path.child("hard")),
    ...validateScopes(spec, hard, path.child("scopes")),
    ...validateScopeSelector(spec, hard, path.child("scopeSelector", "matchExpressions")),
  ];
}

export function validateResourceQuotaStatus(quota: ResourceQuota): FieldError[] {
  const path = FieldPath.root("status");
  return [...validateList(quota.status?.hard, path.child("hard")), ...validateList(quota.status?.used, path.child("used"))];
}

export function validateResourceQuota(quota: ResourceQuota): FieldError[] {
  return [...validateResourceQuotaSpec(quota.spec ?? {}), ...validateResourceQuotaStatus(quota)];
}

export function validateResourceQuotaUpdate(quota: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = validateResourceQuotaSpec(quota.spec ?? {});
  const next = new Set(quota.spec?.scopes ?? []);
  const prev = new Set(old.spec?.scopes ?? []);
  const same = next.size === prev.size && [...next].every((s) => prev.has(s));
  if (!same) errs.push(invalid(FieldPath.root("spec", "scopes"), quota.spec?.scopes ?? null, "field is immutable"));
  return errs;
}
