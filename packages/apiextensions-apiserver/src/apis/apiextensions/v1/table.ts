// `kubectl get crds`: NAME CREATED AT (upstream serves CRDs with the default
// table: the name and the creation time as a timestamp, not an age).

import type { TableColumn } from "@tskube/generic-apiserver";
import type { CustomResourceDefinition } from "./schema.js";

export const customResourceDefinitionColumns: TableColumn<CustomResourceDefinition>[] = [
  {
    name: "Created At",
    type: "date",
    description: "When the object was created, as a UTC timestamp (RFC3339) set by the server.",
    cell: (crd) => crd.metadata.creationTimestamp ?? null,
  },
];
