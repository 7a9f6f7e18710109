// `kubectl get apiservices`: NAME SERVICE AVAILABLE AGE (upstream:
// kube-aggregator registry/apiservice/etcd's table convertor).

import type { TableColumn } from "@tskube/generic-apiserver";
import { CONDITION_AVAILABLE, type APIService } from "./schema.js";

/** `Local`, or `<namespace>/<name>` of the Service. */
export function serviceCell(apiService: APIService): string {
  const service = apiService.spec?.service;
  return service === undefined ? "Local" : `${service.namespace ?? ""}/${service.name ?? ""}`;
}

/** `True`, or `False (Reason)`, or `Unknown` while no controller has looked. */
export function availableCell(apiService: APIService): string {
  const condition = apiService.status?.conditions?.find((c) => c.type === CONDITION_AVAILABLE);
  if (condition === undefined) return "Unknown";
  if (condition.status === "True") return "True";
  return condition.reason ? `${condition.status} (${condition.reason})` : condition.status;
}

export const apiServiceColumns: TableColumn<APIService>[] = [
  { name: "Service", type: "string", description: "The Service in front of the server, or Local.", cell: serviceCell },
  { name: "Available", type: "string", description: "Whether the APIService can serve requests.", cell: availableCell },
];
