// `kubectl get roles|clusterroles`: NAME CREATED AT (upstream: printRole,
// printClusterRole), the creation time in RFC 3339 rather than an age. The
// definitions turn the library's Age column off.

import type { KubeObject } from "@tskube/apimachinery";
import type { TableColumn } from "@tskube/generic-apiserver";

/** Go's zero time, which upstream prints for an object without a creation time. */
const ZERO_TIME = "0001-01-01T00:00:00Z";

export function createdAtColumns<T extends KubeObject>(): TableColumn<T>[] {
  return [{ name: "Created At", type: "date", description: "When the role was created.", cell: (r) => r.metadata.creationTimestamp ?? ZERO_TIME }];
}
