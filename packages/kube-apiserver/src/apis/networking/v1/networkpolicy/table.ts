// `kubectl get networkpolicies`: NAME POD-SELECTOR AGE (Name and Age come
// from the library); the selector as selector text, `<none>` when it selects
// every pod.

import { type MetaLabelSelector, labelSelectorFromMeta } from "@tskube/apimachinery";
import type { TableColumn } from "@tskube/generic-apiserver";
import type { NetworkPolicy } from "./schema.js";

/** A label selector as text, as upstream's FormatLabelSelector: `<none>` when empty, `<error>` when it does not parse. */
export function formatLabelSelector(selector: MetaLabelSelector | undefined): string {
  try {
    return labelSelectorFromMeta(selector).toString() || "<none>";
  } catch {
    return "<error>";
  }
}

export const networkPolicyColumns: TableColumn<NetworkPolicy>[] = [
  {
    name: "Pod-Selector",
    type: "string",
    description: "The pods the policy applies to.",
    cell: (np) => formatLabelSelector(np.spec?.podSelector),
  },
];
