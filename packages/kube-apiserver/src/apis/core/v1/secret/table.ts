// `kubectl get secrets`: NAME TYPE DATA AGE (Name and Age come from the library).

import type { TableColumn } from "@tskube/generic-apiserver";
import type { Secret } from "./schema.js";

export const secretColumns: TableColumn<Secret>[] = [
  { name: "Type", type: "string", description: "What the secret holds (its type).", cell: (s) => s.type ?? "" },
  { name: "Data", type: "integer", description: "How many keys the secret holds.", cell: (s) => Object.keys(s.data ?? {}).length },
];
