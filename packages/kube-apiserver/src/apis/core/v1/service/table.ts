// `kubectl get services`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and
// SELECTOR with -o wide (Name and Age come from the library), formatted as
// upstream's printer does.

import { type TableColumn, translateTimestampSince } from "@tskube/generic-apiserver";
import type { Service } from "./schema.js";

const NONE = "<none>";

/** The load balancer's IPs and host names, comma-separated; cut to 13 characters and "..." when not wide. */
export function loadBalancerIngressString(svc: Service, wide: boolean): string {
  const parts = (svc.status?.loadBalancer?.ingress ?? []).flatMap((ing) => (ing.ip ? [ing.ip] : ing.hostname ? [ing.hostname] : []));
  const joined = parts.join(",");
  return !wide && joined.length > 16 ? `${joined.slice(0, 13)}...` : joined;
}

export function externalIPCell(svc: Service, wide = false): string {
  const spec = svc.spec ?? {};
  const externalIPs = spec.externalIPs ?? [];
  switch (spec.type) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : NONE;
    case "LoadBalancer": {
      const lb = loadBalancerIngressString(svc, wide);
      if (externalIPs.length > 0) return [...externalIPs, ...(lb ? [lb] : [])].join(",");
      return lb !== "" ? lb : "<pending>";
    }
    case "ExternalName":
      return spec.externalName ?? "";
    default:
      return "<unknown>";
  }
}

export function portsCell(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return NONE;
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ""}` : `${p.port}/${p.protocol ?? ""}`)).join(",");
}

/** Labels as `a=b,c=d`, sorted by key; `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? NONE : keys.map((k) => `${k}=${labels?.[k] ?? ""}`).join(",");
}

export const serviceColumns: TableColumn<Service>[] = [
  { name: "Type", type: "string", description: "How the service is exposed (spec.type).", cell: (s) => s.spec?.type ?? "" },
  { name: "Cluster-IP", type: "string", description: "The service's virtual IP.", cell: (s) => s.spec?.clusterIP || NONE },
  { name: "External-IP", type: "string", description: "The IPs the service is reachable at from outside.", cell: (s) => externalIPCell(s) },
  { name: "Port(s)", type: "string", description: "The ports the service exposes.", cell: portsCell },
  {
    name: "Age",
    type: "string",
    description: "How long ago the service was created.",
    cell: (s) => translateTimestampSince(s.metadata.creationTimestamp),
  },
  {
    name: "Selector",
    type: "string",
    priority: 1,
    description: "The labels of the pods behind the service.",
    cell: (s) => formatLabels(s.spec?.selector),
  },
];
