// Validation of a JobSpec wherever it appears (upstream: validateJobSpec in
// pkg/apis/batch/validation/validation.go): counts and limits, Indexed
// mode, the pod failure and success policies, the replacement policy and
// the pod template. A Job's selector is checked in validation.ts; a
// CronJob's job template has none.

import {
  type FieldError,
  FieldPath,
  duplicate,
  invalid,
  invalidWithoutValue,
  isDNS1123Subdomain,
  isQualifiedName,
  notSupported,
  regexError,
  required,
  tooLong,
  tooMany,
} from "@tskube/apimachinery";
import type { PodSpec } from "../../../core/v1/pod-spec/schema.js";
import { validatePodTemplateSpec } from "../../../core/v1/pod-spec/template.js";
import { validateNonNegative } from "../../../core/v1/pod-spec/validation.js";
import { countIndexes } from "./indexes.js";
import type { JobSpec, PodFailurePolicyRule } from "./schema.js";

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS = 20;
const MAX_MANAGED_BY_LENGTH = 63;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES = 20;

// Sorted, as upstream lists them (sets.List).
const ACTIONS = ["Count", "FailIndex", "FailJob", "Ignore"];
const OPERATORS = ["In", "NotIn"];
const CONDITION_STATUSES = ["False", "True", "Unknown"];
const REPLACEMENT_POLICIES = ["Failed", "TerminatingOrFailed"];

/** Go's %q of a list of strings: `["a" "b"]`. */
const quotedList = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH = new RegExp(`^${HTTP_PATH_FMT}$`);

/** upstream IsDomainPrefixedPath: `acme.io/foo`, a DNS subdomain, a slash and a path. */
function validateDomainPrefixedPath(value: string, path: FieldPath): FieldError[] {
  if (value === "") return [required(path)];
  const slash = value.indexOf("/");
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? "" : value.slice(slash + 1);
  if (slash < 0 || host === "" || rest === "") return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((msg) => invalid(path, host, msg));
  if (!HTTP_PATH.test(rest)) errs.push(invalid(path, rest, regexError("must be a valid path", HTTP_PATH_FMT)));
  return errs;
}

function validateOnExitCodes(rule: NonNullable<PodFailurePolicyRule["onExitCodes"]>, path: FieldPath, containerNames: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (rule.operator === "") errs.push(required(path.child("operator"), `valid values: ${quotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(rule.operator)) errs.push(notSupported(path.child("operator"), rule.operator, OPERATORS));
  if (rule.containerName !== null && rule.containerName !== undefined && !containerNames.has(rule.containerName)) {
    errs.push(invalid(path.child("containerName"), rule.containerName, "must be one of the container or initContainer names in the pod template"));
  }
  const valuesPath = path.child("values");
  if (rule.values.length === 0) errs.push(invalid(valuesPath, rule.values, "at least one value is required"));
  else if (rule.values.length > MAX_ON_EXIT_CODES_VALUES) errs.push(tooMany(valuesPath, rule.values.length, MAX_ON_EXIT_CODES_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  rule.values.forEach((code, i) => {
    if (rule.operator === "In" && code === 0) errs.push(invalid(valuesPath.index(i), code, "must not be 0 for the In operator"));
    if (seen.has(code)) errs.push(duplicate(valuesPath.index(i), code));
    seen.add(code);
    if (i > 0 && rule.values[i - 1]! > code) ordered = false;
  });
  if (!ordered) errs.push(invalid(valuesPath, rule.values, "must be ordered"));
  return errs;
}

function validateOnPodConditions(patterns: NonNullable<PodFailurePolicyRule["onPodConditions"]>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_ON_POD_CONDITIONS_PATTERNS) errs.push(tooMany(path, patterns.length, MAX_ON_POD_CONDITIONS_PATTERNS));
  patterns.forEach((pattern, i) => {
    const p = path.index(i);
    for (const msg of isQualifiedName(pattern.type)) errs.push(invalid(p.child("type"), pattern.type, msg));
    if (pattern.status === "") errs.push(required(p.child("status"), `valid values: ${quotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(pattern.status)) errs.push(notSupported(p.child("status"), pattern.status, CONDITION_STATUSES));
  });
  return errs;
}

function validatePodFailurePolicy(spec: JobSpec, path: FieldPath): FieldError[] {
  const rules = spec.podFailurePolicy?.rules ?? [];
  const errs: FieldError[] = [];
  const rulesPath = path.child("rules");
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const podSpec: PodSpec = spec.template.spec ?? { containers: [] };
  const containerNames = new Set([...podSpec.containers, ...(podSpec.initContainers ?? [])].map((c) => c.name));
  rules.forEach((rule, i) => {
    const p = rulesPath.index(i);
    const actionPath = p.child("action");
    if (rule.action === "") errs.push(required(actionPath, `valid values: ${quotedList(ACTIONS)}`));
    else if (rule.action === "FailIndex") {
      if (spec.backoffLimitPerIndex === undefined) errs.push(invalid(actionPath, rule.action, "requires the backoffLimitPerIndex to be set"));
    } else if (!ACTIONS.includes(rule.action)) errs.push(notSupported(actionPath, rule.action, ACTIONS));
    const onExitCodes = rule.onExitCodes ?? undefined;
    const onPodConditions = rule.onPodConditions ?? [];
    if (onExitCodes) errs.push(...validateOnExitCodes(onExitCodes, p.child("onExitCodes"), containerNames));
    if (onPodConditions.length > 0) errs.push(...validateOnPodConditions(onPodConditions, p.child("onPodConditions")));
    if (onExitCodes && onPodConditions.length > 0) errs.push(invalidWithoutValue(p, "specifying both OnExitCodes and OnPodConditions is not supported"));
    if (!onExitCodes && onPodConditions.length === 0) errs.push(invalidWithoutValue(p, "specifying one of OnExitCodes and OnPodConditions is required"));
  });
  return errs;
}

function validateSuccessPolicy(spec: JobSpec, path: FieldPath): FieldError[] {
  const rules = spec.successPolicy?.rules ?? [];
  const completions = spec.completions ?? 0;
  const errs: FieldError[] = [];
  const rulesPath = path.child("rules");
  if (rules.length === 0) errs.push(required(rulesPath, "at least one rules must be specified when the successPolicy is specified"));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  rules.forEach((rule, i) => {
    const p = rulesPath.index(i);
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
      errs.push(required(p, "at least one of succeededCount or succeededIndexes must be specified"));
    }
    let totalIndexes = 0;
    if (rule.succeededIndexes !== undefined) {
      const indexesPath = p.child("succeededIndexes");
      if (rule.succeededIndexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push(tooLong(indexesPath, MAX_SUCCEEDED_INDEXES_LENGTH));
      try {
        totalIndexes = countIndexes(rule.succeededIndexes, completions);
      } catch (err) {
        errs.push(invalid(indexesPath, rule.succeededIndexes, `error parsing succeededIndexes: ${(err as Error).message}`));
      }
    }
    if (rule.succeededCount !== undefined) {
      const countPath = p.child("succeededCount");
      errs.push(...validateNonNegative(rule.succeededCount, countPath));
      if (rule.succeededCount > completions) {
        errs.push(invalid(countPath, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
      }
      if (rule.succeededIndexes !== undefined && rule.succeededCount > totalIndexes) {
        errs.push(invalid(countPath, rule.succeededCount, `must be less than or equal to ${totalIndexes} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}

function validateIndexedMode(spec: JobSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const { completions, parallelism, maxFailedIndexes, backoffLimitPerIndex } = spec;
  if (completions === undefined) errs.push(required(path.child("completions"), "when completion mode is Indexed"));
  if (parallelism !== undefined && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
    errs.push(invalid(path.child("parallelism"), parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`));
  }
  if (completions !== undefined && maxFailedIndexes !== undefined && maxFailedIndexes > completions) {
    errs.push(invalid(path.child("maxFailedIndexes"), maxFailedIndexes, "must be less than or equal to completions"));
  }
  if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
    errs.push(invalid(path.child("maxFailedIndexes"), maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_FOR_INDEXED_JOB}`));
  }
  if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && backoffLimitPerIndex !== undefined) {
    const why = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (maxFailedIndexes === undefined) errs.push(required(path.child("maxFailedIndexes"), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
    if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS) {
      errs.push(invalid(path.child("parallelism"), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} ${why}`));
    }
    if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS) {
      errs.push(invalid(path.child("maxFailedIndexes"), maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS} ${why}`));
    }
  }
  return errs;
}

/** Everything about a JobSpec but its selector. */
export function validateJobSpecFields(spec: JobSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes"] as const) {
    errs.push(...validateNonNegative(spec[f], path.child(f)));
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) {
    errs.push(required(path.child("backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
  }
  if (spec.managedBy !== undefined) {
    errs.push(...validateDomainPrefixedPath(spec.managedBy, path.child("managedBy")));
    if (spec.managedBy.length > MAX_MANAGED_BY_LENGTH) errs.push(tooLong(path.child("managedBy"), MAX_MANAGED_BY_LENGTH));
  }
  const mode = spec.completionMode;
  if (mode !== undefined) {
    if (mode !== "NonIndexed" && mode !== "Indexed") errs.push(notSupported(path.child("completionMode"), mode, ["NonIndexed", "Indexed"]));
    if (mode === "Indexed") errs.push(...validateIndexedMode(spec, path));
  }
  if (mode === undefined || mode === "NonIndexed") {
    if (spec.backoffLimitPerIndex !== undefined) errs.push(invalid(path.child("backoffLimitPerIndex"), spec.backoffLimitPerIndex, "requires indexed completion mode"));
    if (spec.maxFailedIndexes !== undefined) errs.push(invalid(path.child("maxFailedIndexes"), spec.maxFailedIndexes, "requires indexed completion mode"));
  }
  if (spec.podFailurePolicy !== undefined) errs.push(...validatePodFailurePolicy(spec, path.child("podFailurePolicy")));
  if (spec.successPolicy !== undefined) {
    if (mode !== "Indexed") errs.push(invalid(path.child("successPolicy"), spec.successPolicy, "requires indexed completion mode"));
    else errs.push(...validateSuccessPolicy(spec, path.child("successPolicy")));
  }
  const replacement = spec.podReplacementPolicy;
  if (replacement !== undefined) {
    // With a pod failure policy, only Failed makes sense: the policy needs the pod to be finished.
    const allowed = spec.podFailurePolicy !== undefined ? ["Failed"] : REPLACEMENT_POLICIES;
    if (!allowed.includes(replacement)) errs.push(notSupported(path.child("podReplacementPolicy"), replacement, allowed));
  }

  errs.push(...validatePodTemplateSpec(spec.template, path.child("template")));
  const restartPolicy = spec.template.spec?.restartPolicy ?? "";
  const restartPath = path.child("template", "spec", "restartPolicy");
  // Defaulting turns an unset policy into Always, so both mean "not chosen".
  if (restartPolicy === "Always" || restartPolicy === "") errs.push(required(restartPath, 'valid values: "OnFailure", "Never"'));
  else if (restartPolicy !== "OnFailure" && restartPolicy !== "Never") errs.push(notSupported(restartPath, restartPolicy, ["OnFailure", "Never"]));
  else if (spec.podFailurePolicy !== undefined && restartPolicy !== "Never") {
    errs.push(invalid(restartPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}
