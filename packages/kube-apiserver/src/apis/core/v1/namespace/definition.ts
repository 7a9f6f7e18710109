// The namespaces resource of core/v1, as the generic registry serves it.
//
// Not here yet: the `finalize` subresource (the library serves only status
// and scale), and with it upstream's two-step deletion (DELETE marks the
// namespace Terminating; the namespace controller empties it and removes the
// `kubernetes` finalizer through /finalize). Until then a DELETE removes the
// namespace at once, as the generic registry does for any object without
// metadata.finalizers.

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
  subresources: { status: true },
  selectableFields: {
    "status.phase": (ns) => ns.status?.phase ?? "",
    // The old spelling of metadata.name, still accepted upstream.
    name: (ns) => ns.metadata.name ?? "",
  },
  description: "A scope for the names of namespaced objects.",
};
