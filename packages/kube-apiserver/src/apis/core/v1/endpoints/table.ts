// `kubectl get endpoints`: NAME ENDPOINTS AGE (Name and Age come from the
// library). ENDPOINTS lists ip:port pairs (or bare IPs for a subset without
// ports), at most three, then "+ N more...", as upstream's printer does.

import type { TableColumn } from "@tskube/generic-apiserver";
import type { Endpoints } from "./schema.js";

const MAX_SHOWN = 3;

function hostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const shown: string[] = [];
  let total = 0;
  let more = false;
  const add = (text: string) => {
    if (shown.length === MAX_SHOWN) more = true;
    else shown.push(text);
  };
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      total += addresses.length;
      for (const addr of addresses) add(addr.ip);
      continue;
    }
    for (const port of ports) {
      total += addresses.length;
      for (const addr of addresses) add(hostPort(addr.ip, port.port));
    }
  }
  const joined = shown.join(",");
  if (more) return `${joined} + ${total - MAX_SHOWN} more...`;
  return joined === "" ? "<none>" : joined;
}

export const endpointsColumns: TableColumn<Endpoints>[] = [
  { name: "Endpoints", type: "string", description: "The ready addresses with their ports.", cell: formatEndpoints },
];
