// Questions every part of the server asks about a CRD (upstream: apihelpers
// and the apiextensions helpers): its conditions, which version is stored,
// what a version's schema, subresources and columns are.

import { now } from "@tskube/apimachinery";
import type {
  CustomResourceColumnDefinition,
  CustomResourceDefinition,
  CustomResourceDefinitionCondition,
  CustomResourceDefinitionVersion,
  CustomResourceSubresources,
  SelectableField,
} from "./schema.js";
import type { JSONSchemaProps } from "../../../schema/types.js";

export const ESTABLISHED = "Established";
export const NAMES_ACCEPTED = "NamesAccepted";
export const TERMINATING = "Terminating";
export const NON_STRUCTURAL_SCHEMA = "NonStructuralSchema";
export const API_APPROVAL_CONFORMANT = "KubernetesAPIApprovalPolicyConformant";

/** The finalizer a CRD carries while its custom resources are being deleted. */
export const CUSTOM_RESOURCE_CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

/** The annotation CRDs in protected groups (`*.k8s.io`, `*.kubernetes.io`) need. */
export const API_APPROVED_ANNOTATION = "api-approved.kubernetes.io";

export type ConditionStatus = "True" | "False" | "Unknown";

export function findCondition(crd: CustomResourceDefinition, type: string): CustomResourceDefinitionCondition | undefined {
  return crd.status?.conditions?.find((c) => c.type === type);
}

export function isConditionTrue(crd: CustomResourceDefinition, type: string): boolean {
  return findCondition(crd, type)?.status === "True";
}

/**
 * Sets a condition in place. lastTransitionTime moves only when the status
 * changes (or was never set), as upstream's SetCRDCondition does.
 */
export function setCondition(
  crd: CustomResourceDefinition,
  condition: { type: string; status: ConditionStatus; reason: string; message: string },
): void {
  const status = (crd.status ??= {});
  const conditions = (status.conditions ??= []);
  const existing = conditions.find((c) => c.type === condition.type);
  if (existing === undefined) {
    conditions.push({ ...condition, lastTransitionTime: now() });
    return;
  }
  if (existing.status !== condition.status || !existing.lastTransitionTime) existing.lastTransitionTime = now();
  existing.status = condition.status;
  existing.reason = condition.reason;
  existing.message = condition.message;
}

/** Whether two conditions say the same thing (times aside). */
export function isConditionEquivalent(
  a: Pick<CustomResourceDefinitionCondition, "type" | "status" | "reason" | "message"> | undefined,
  b: Pick<CustomResourceDefinitionCondition, "type" | "status" | "reason" | "message"> | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.type === b.type && a.status === b.status && (a.reason ?? "") === (b.reason ?? "") && (a.message ?? "") === (b.message ?? "");
}

export function storageVersionOf(crd: CustomResourceDefinition): string | undefined {
  return crd.spec.versions?.find((v) => v.storage)?.name;
}

export function versionOf(crd: CustomResourceDefinition, name: string): CustomResourceDefinitionVersion | undefined {
  return crd.spec.versions?.find((v) => v.name === name);
}

export function isServedVersion(crd: CustomResourceDefinition, name: string): boolean {
  return versionOf(crd, name)?.served === true;
}

export function servedVersions(crd: CustomResourceDefinition): CustomResourceDefinitionVersion[] {
  return (crd.spec.versions ?? []).filter((v) => v.served);
}

export function schemaOf(version: CustomResourceDefinitionVersion): JSONSchemaProps | undefined {
  return version.schema?.openAPIV3Schema;
}

export function subresourcesOf(version: CustomResourceDefinitionVersion): CustomResourceSubresources | undefined {
  return version.subresources;
}

/** The Age column a version without printer columns gets (upstream: serveDefaultColumnsIfEmpty). */
export const DEFAULT_COLUMNS: CustomResourceColumnDefinition[] = [
  {
    name: "Age",
    type: "date",
    jsonPath: ".metadata.creationTimestamp",
    description:
      "The server time when the object was created, in UTC (RFC3339); clients may not set it. Null for lists.",
  },
];

export function columnsOf(version: CustomResourceDefinitionVersion): CustomResourceColumnDefinition[] {
  const columns = version.additionalPrinterColumns ?? [];
  return columns.length > 0 ? columns : DEFAULT_COLUMNS;
}

export function selectableFieldsOf(version: CustomResourceDefinitionVersion): SelectableField[] {
  return version.selectableFields ?? [];
}

export function hasFinalizer(crd: CustomResourceDefinition, finalizer: string): boolean {
  return (crd.metadata.finalizers ?? []).includes(finalizer);
}

/** Groups whose CRDs need API approval: `k8s.io`, `kubernetes.io` and their subdomains. */
export function isProtectedCommunityGroup(group: string): boolean {
  return group === "k8s.io" || group.endsWith(".k8s.io") || group === "kubernetes.io" || group.endsWith(".kubernetes.io");
}

export type APIApprovalState = "Approved" | "Bypassed" | "Invalid" | "Missing";

/** What the api-approved.kubernetes.io annotation says, with upstream's words for it. */
export function apiApprovalState(annotations: Record<string, string> | undefined): { state: APIApprovalState; reason: string } {
  const see = "see https://github.com/kubernetes/enhancements/pull/1111";
  const value = annotations?.[API_APPROVED_ANNOTATION];
  if (value === undefined) {
    return { state: "Missing", reason: `protected groups must have approval annotation ${JSON.stringify(API_APPROVED_ANNOTATION)}, ${see}` };
  }
  if (value.startsWith("unapproved")) return { state: "Bypassed", reason: `not approved: ${JSON.stringify(value)}` };
  if (isAbsoluteURL(value)) return { state: "Approved", reason: `approved in ${value}` };
  return {
    state: "Invalid",
    reason: `protected groups must have approval annotation ${JSON.stringify(API_APPROVED_ANNOTATION)} with either a URL or a reason starting with "unapproved", ${see}`,
  };
}

function isAbsoluteURL(value: string): boolean {
  try {
    const url = new URL(value);
    return url.host !== "";
  } catch {
    return false;
  }
}
