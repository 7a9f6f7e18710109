// The namespaces resource of core/v1. Besides `status` it has `finalize`
// (PUT only, as upstream), through which the namespace controller removes
// the `kubernetes` finalizer once the namespace is empty; storage.ts serves
// both and the two-step DELETE.

import type { ResourceDefinition } from "@tskube/generic-apiserver";
import { type Namespace, NamespaceSchema } from "./schema.js";
import { namespaceStrategy } from "./strategy.js";
import { namespaceColumns } from "./table.js";

export const namespaceDefinition: ResourceDefinition<Namespace> = {
  group: "",
  version: "v1",
  kind: "Namespace",
  resource: "namespaces",
  singular: "namespace",
  shortNames: ["ns"],
  namespaced: false,
  // As upstream: no deletecollection for namespaces.
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  schema: NamespaceSchema,
  strategy: namespaceStrategy,
  tableColumns: namespaceColumns,
  subresources: { status: true, custom: { finalize: { verbs: ["update"] } } },
  selectableFields: {
    "status.phase": (ns) => ns.status?.phase ?? "",
    // The old spelling of metadata.name, still accepted upstream.
    name: (ns) => ns.metadata.name ?? "",
  },
  description: "A scope for the names of namespaced objects.",
};
