// `kubectl get configmaps`: NAME DATA AGE (Name and Age come from the library).

import type { TableColumn } from "@tskube/generic-apiserver";
import type { ConfigMap } from "./schema.js";

export const configMapColumns: TableColumn<ConfigMap>[] = [
  {
    name: "Data",
    type: "integer",
    description: "How many keys the ConfigMap holds, in data and binaryData together.",
    cell: (cm) => Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
  },
];
