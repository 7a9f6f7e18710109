// Do one set of rules grant at least what another does? (upstream: Covers
// in component-helpers/auth/rbac/validation, CompactRules and CompactString
// in pkg/registry/rbac.) The escalation check asks it of the writer's rules
// and the rules being granted; bootstrap reconciliation asks it to find the
// rules a default role is missing.
//
// Each rule to cover is broken down into atoms (one group, one resource, one
// verb, at most one name; or one URL and one verb), and each atom must be
// covered by a single owner rule. The atoms left over are the missing rules.

import { API_GROUP_ALL, type PolicyRule, RESOURCE_ALL, VERB_ALL } from "../apis/rbac/v1/policy-rule/schema.js";
import { nonResourceURLCovers } from "./rule-match.js";

/** The atoms of a rule, each with at most one verb, group, resource, name or URL. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const atoms: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (names.length === 0) atoms.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        for (const name of names) atoms.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) atoms.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return atoms;
}

const hasAll = (set: readonly string[], wanted: readonly string[]): boolean => wanted.every((w) => set.includes(w));

function resourcesCover(owned: readonly string[], wanted: readonly string[]): boolean {
  if (owned.includes(RESOURCE_ALL) || hasAll(owned, wanted)) return true;
  // `*/scale` covers the scale subresource of anything.
  return wanted.every((r) => owned.includes(r) || (r.includes("/") && owned.includes(`*/${r.slice(r.indexOf("/") + 1)}`)));
}

/** Whether one owner rule covers an atom. */
function ruleCovers(owner: PolicyRule, atom: PolicyRule): boolean {
  const verbs = owner.verbs.includes(VERB_ALL) || hasAll(owner.verbs, atom.verbs);
  const groups = (owner.apiGroups ?? []).includes(API_GROUP_ALL) || hasAll(owner.apiGroups ?? [], atom.apiGroups ?? []);
  const resources = resourcesCover(owner.resources ?? [], atom.resources ?? []);
  const urls = (atom.nonResourceURLs ?? []).every((path) => (owner.nonResourceURLs ?? []).some((pattern) => nonResourceURLCovers(pattern, path)));
  const ownerNames = owner.resourceNames ?? [];
  const atomNames = atom.resourceNames ?? [];
  const names = ownerNames.length === 0 || (atomNames.length > 0 && hasAll(ownerNames, atomNames));
  return verbs && groups && resources && urls && names;
}

/** Whether `owner` grants everything `servant` does; the atoms it does not grant. */
export function covers(owner: readonly PolicyRule[], servant: readonly PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing = servant.flatMap(breakdownRule).filter((atom) => !owner.some((rule) => ruleCovers(rule, atom)));
  return { covered: missing.length === 0, missing };
}

/**
 * Merges rules that name one group and one resource and nothing else but
 * verbs, as upstream shortens the list of missing rules in its message.
 */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple = rule.apiGroups?.length === 1 && rule.resources?.length === 1 && rule.resourceNames === undefined && rule.nonResourceURLs === undefined;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = `${rule.apiGroups?.[0] ?? ""}\u0000${rule.resources?.[0] ?? ""}`;
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...rule.verbs);
    else simple.set(key, { apiGroups: [...(rule.apiGroups ?? [])], resources: [...(rule.resources ?? [])], verbs: [...rule.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** A list as Go's `%q` prints a []string: `["a" "b"]`. */
export function goQuotedList(list: readonly string[]): string {
  return `[${list.map((s) => JSON.stringify(s)).join(" ")}]`;
}

/** `{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}`, the form upstream's escalation message lists rules in. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if ((rule.apiGroups ?? []).length > 0) parts.push(`APIGroups:${goQuotedList(rule.apiGroups ?? [])}`);
  if ((rule.resources ?? []).length > 0) parts.push(`Resources:${goQuotedList(rule.resources ?? [])}`);
  if ((rule.nonResourceURLs ?? []).length > 0) parts.push(`NonResourceURLs:${goQuotedList(rule.nonResourceURLs ?? [])}`);
  if ((rule.resourceNames ?? []).length > 0) parts.push(`ResourceNames:${goQuotedList(rule.resourceNames ?? [])}`);
  if (rule.verbs.length > 0) parts.push(`Verbs:${goQuotedList(rule.verbs)}`);
  return `{${parts.join(", ")}}`;
}
