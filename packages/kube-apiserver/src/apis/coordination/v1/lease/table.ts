// `kubectl get leases`: NAME HOLDER AGE (upstream: printLease in
// pkg/printers/internalversion/printers.go).

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { Lease } from "./schema.js";

export const leaseColumns: TableColumn<Lease>[] = [
  { name: "Holder", type: "string", description: "Who holds the lease now.", cell: (l) => l.spec?.holderIdentity ?? "" },
  { name: "Age", type: "string", description: "How long ago the lease was created.", cell: (l) => translateTimestampSince(l.metadata.creationTimestamp) },
];
