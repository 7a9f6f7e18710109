// The secrets resource of core/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type Secret, SecretSchema } from "./schema.js";
import { secretStrategy } from "./strategy.js";
import { secretColumns } from "./table.js";

export const secretDefinition: ResourceDefinition<Secret> = {
  group: "",
  version: "v1",
  kind: "Secret",
  resource: "secrets",
  singular: "secret",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: SecretSchema,
  strategy: secretStrategy,
  tableColumns: secretColumns,
  // `kubectl get secrets --field-selector type=kubernetes.io/tls`
  selectableFields: { type: (s) => s.type ?? "" },
  description: "Sensitive data (passwords, tokens, keys) as key/value pairs.",
};
