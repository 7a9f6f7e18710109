// Defaults of a CustomResourceDefinition (upstream: apiextensions/v1
// defaults.go): the singular name and list kind from the kind, conversion
// None, webhook service port 443, and the storage version as the first
// stored version.

import type { CustomResourceDefinition } from "./schema.js";

export function applyCustomResourceDefinitionDefaults(crd: CustomResourceDefinition): void {
  const { spec } = crd;
  const names = spec.names;
  if (!names.singular) names.singular = names.kind.toLowerCase();
  if (!names.listKind && names.kind !== "") names.listKind = `${names.kind}List`;
  spec.conversion ??= { strategy: "None" };
  const service = spec.conversion.webhook?.clientConfig?.service;
  if (service !== undefined) service.port ??= 443;
  const status = crd.status;
  if (status !== undefined && (status.storedVersions ?? []).length === 0) {
    const storage = spec.versions?.find((v) => v.storage);
    if (storage !== undefined) status.storedVersions = [storage.name];
  }
}
