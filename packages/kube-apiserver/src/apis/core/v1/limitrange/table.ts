// `kubectl get limitranges`: NAME CREATED AT (upstream: printLimitRange),
// the creation time in RFC 3339 rather than an age. The definition turns the
// library's Age column off.

import type { TableColumn } from "@tskube/generic-apiserver";
import type { LimitRange } from "./schema.js";

/** Go's zero time, which upstream prints for an object without a creation time. */
const ZERO_TIME = "0001-01-01T00:00:00Z";

export const limitRangeColumns: TableColumn<LimitRange>[] = [
  { name: "Created At", type: "date", description: "When the limit range was created.", cell: (lr) => lr.metadata.creationTimestamp ?? ZERO_TIME },
];
