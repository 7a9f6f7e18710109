// `kubectl get ingresses`: NAME CLASS HOSTS ADDRESS PORTS AGE (Name and Age
// come from the library), filled in as upstream's printer does. The server
// prints tables as for -o wide, so ADDRESS is never cut short.

import type { TableColumn } from "@tskube/generic-apiserver";
import type { Ingress } from "./schema.js";

const MAX_HOSTS = 3;

/**
 * The first three rule hosts, then "+ N more..." when any rule follows the
 * third host (N is the number of rules less three, as upstream counts it);
 * `*` when no rule names a host.
 */
export function formatHosts(ing: Ingress): string {
  const rules = ing.spec?.rules ?? [];
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === MAX_HOSTS) more = true;
    if (!more && rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return "*";
  const joined = hosts.join(",");
  return more ? `${joined} + ${rules.length - MAX_HOSTS} more...` : joined;
}

/** The load balancer's IPs (or host names), sorted, without duplicates. */
export function formatAddress(ing: Ingress): string {
  const entries = (ing.status?.loadBalancer?.ingress ?? []).flatMap((lb) => (lb.ip ? [lb.ip] : lb.hostname ? [lb.hostname] : []));
  return [...new Set(entries)].sort().join(",");
}

export const ingressColumns: TableColumn<Ingress>[] = [
  {
    name: "Class",
    type: "string",
    description: "The IngressClass whose controller implements the ingress.",
    cell: (ing) => ing.spec?.ingressClassName ?? "<none>",
  },
  { name: "Hosts", type: "string", description: "The host names the rules match.", cell: formatHosts },
  { name: "Address", type: "string", description: "The addresses of the ingress's load balancer.", cell: formatAddress },
  { name: "Ports", type: "string", description: "The ports the ingress is served on (443 too when it has TLS).", cell: (ing) => ((ing.spec?.tls ?? []).length > 0 ? "80, 443" : "80") },
];
