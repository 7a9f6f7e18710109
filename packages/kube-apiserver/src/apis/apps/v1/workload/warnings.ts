// Warnings the workload strategies return (upstream: WarningsOnCreate of the
// deployment and replicaset strategies).

import { isDNS1123Label } from "@tskube/apimachinery";

/** Pods are named after the workload, so a name that is not a DNS label makes odd pod names and hostnames. */
export function nameNotDNSLabelWarnings(name: string | undefined): string[] {
  const msgs = isDNS1123Label(name ?? "");
  if (msgs.length === 0) return [];
  return [
    `metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(" ")}]`,
  ];
}
