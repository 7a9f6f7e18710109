// Resource names in resource lists (upstream: the resource-name helpers of
// pkg/apis/core/helper and validateResourceName, validateContainerResourceName
// in pkg/apis/core/validation). A name without a "/" must be one Kubernetes
// defines; a prefixed one is a qualified name (an extended resource such as
// example.com/gpu, or a native one under kubernetes.io/).

import { type FieldError, type FieldPath, invalid, isQualifiedName } from "@tskube/apimachinery";

const HUGE_PAGES_PREFIX = "hugepages-";
const REQUESTS_PREFIX = "requests.";
const REQUESTS_HUGE_PAGES_PREFIX = "requests.hugepages-";
const NATIVE_PREFIX = "kubernetes.io/";

/** Resources a container can request or be limited in. */
const STANDARD_CONTAINER_RESOURCES: ReadonlySet<string> = new Set(["cpu", "memory", "ephemeral-storage"]);

/** Every unprefixed resource name Kubernetes defines (compute, storage and object counts). */
const STANDARD_RESOURCES: ReadonlySet<string> = new Set([
  "cpu", "memory", "ephemeral-storage",
  "requests.cpu", "requests.memory", "requests.ephemeral-storage",
  "limits.cpu", "limits.memory", "limits.ephemeral-storage",
  "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims",
  "storage", "requests.storage", "services.nodeports", "services.loadbalancers",
]);

/** Resources counted in whole units: object counts and extended resources. */
const INTEGER_RESOURCES: ReadonlySet<string> = new Set([
  "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims",
  "services.nodeports", "services.loadbalancers",
]);

export const isHugePageResourceName = (name: string): boolean => name.startsWith(HUGE_PAGES_PREFIX);
export const isQuotaHugePageResourceName = (name: string): boolean =>
  name.startsWith(HUGE_PAGES_PREFIX) || name.startsWith(REQUESTS_HUGE_PAGES_PREFIX);

/** A resource Kubernetes itself defines: unprefixed, or under kubernetes.io/. */
export const isNativeResource = (name: string): boolean => !name.includes("/") || name.includes(NATIVE_PREFIX);

/** A resource a device plugin or an operator defines, e.g. example.com/gpu. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  // Quota names it as requests.<name>, which must still be a qualified name.
  return isQualifiedName(`${REQUESTS_PREFIX}${name}`).length === 0;
}

export const isStandardResourceName = (name: string): boolean => STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
export const isStandardContainerResourceName = (name: string): boolean => STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);
export const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

/** Whether limits may exceed requests for the resource (not for huge pages and extended resources). */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);

/** A qualified name; unprefixed, one of the standard resources. */
export function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes("/") && !isStandardResourceName(name)) return [invalid(path, name, "must be a standard resource type or fully qualified")];
  return [];
}

/** A resource a container can use: cpu, memory, ephemeral-storage, huge pages, or an extended resource. */
export function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes("/")) {
    if (!isStandardContainerResourceName(name)) errs.push(invalid(path, name, "must be a standard resource for containers"));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}
