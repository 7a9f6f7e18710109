// `kubectl get namespaces`: NAME STATUS AGE (Name and Age come from the library).

import type { TableColumn } from "@tskube/generic-apiserver";
import type { Namespace } from "./schema.js";

export const namespaceColumns: TableColumn<Namespace>[] = [
  { name: "Status", type: "string", description: "The namespace's phase: Active or Terminating.", cell: (ns) => ns.status?.phase ?? "" },
];
