// `kubectl get resourcequotas`: NAME AGE REQUEST LIMIT (upstream:
// printResourceQuota). Each enforced cap shows as `name: used/hard`, sorted
// by name; the ones named limits.* go to LIMIT, all others to REQUEST.
// Both stay empty until the quota controller has written status.

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { ResourceQuota } from "./schema.js";

const isLimit = (name: string): boolean => name.startsWith("limits.");

/** `name: used/hard` for each enforced cap of one column; a cap without use shows 0. */
function usage(quota: ResourceQuota, limits: boolean): string {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  return Object.keys(hard)
    .sort()
    .filter((name) => isLimit(name) === limits)
    .map((name) => `${name}: ${used[name] ?? "0"}/${hard[name]}`)
    .join(", ");
}

export const resourceQuotaColumns: TableColumn<ResourceQuota>[] = [
  { name: "Age", type: "string", description: "How long ago the quota was created.", cell: (q) => translateTimestampSince(q.metadata.creationTimestamp) },
  { name: "Request", type: "string", description: "Use and cap of each capped resource but limits.*.", cell: (q) => usage(q, false) },
  { name: "Limit", type: "string", description: "Use and cap of each limits.* resource.", cell: (q) => usage(q, true) },
];
