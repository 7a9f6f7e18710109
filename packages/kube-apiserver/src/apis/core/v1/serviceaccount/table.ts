// `kubectl get serviceaccounts`: NAME SECRETS AGE (Name and Age come from the library).

import type { TableColumn } from "@tskube/generic-apiserver";
import type { ServiceAccount } from "./schema.js";

export const serviceAccountColumns: TableColumn<ServiceAccount>[] = [
  { name: "Secrets", type: "integer", description: "How many secrets the account refers to.", cell: (sa) => (sa.secrets ?? []).length },
];
