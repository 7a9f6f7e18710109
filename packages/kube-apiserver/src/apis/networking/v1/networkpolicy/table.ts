// `kubectl get networkpolicies`: NAME POD-SELECTOR AGE (Name and Age come
// from the library); the selector as selector text, `<none>` when it selects
// every pod.

import { formatLabelSelector } from "@tskube/apimachinery";
import type { TableColumn } from "@tskube/generic-apiserver";
import type { NetworkPolicy } from "./schema.js";

export const networkPolicyColumns: TableColumn<NetworkPolicy>[] = [
  {
    name: "Pod-Selector",
    type: "string",
    description: "The pods the policy applies to.",
    cell: (np) => formatLabelSelector(np.spec?.podSelector),
  },
];
