// The QoS class of a pod (upstream: pkg/apis/core/helper/qos GetPodQOS),
// from the cpu and memory requests and limits of its containers and init
// containers: BestEffort when none is set, Guaranteed when every container
// has limits for both and requests equal to them, Burstable otherwise.

import { parseQuantity } from "../pod-spec/quantity.js";
import type { PodSpec, ResourceList } from "../pod-spec/schema.js";

const QOS_RESOURCES = ["cpu", "memory"] as const;

function nonZero(list: ResourceList | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of QOS_RESOURCES) {
    const v = list?.[name];
    if (v === undefined) continue;
    const n = parseQuantity(v);
    if (n !== undefined && n !== 0) out.set(name, n);
  }
  return out;
}

export function podQOSClass(spec: PodSpec): "BestEffort" | "Burstable" | "Guaranteed" {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
    for (const [k, v] of nonZero(c.resources?.requests)) requests.set(k, (requests.get(k) ?? 0) + v);
    const lim = nonZero(c.resources?.limits);
    for (const [k, v] of lim) limits.set(k, (limits.get(k) ?? 0) + v);
    if (!QOS_RESOURCES.every((r) => lim.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed && requests.size === limits.size && [...limits].every(([k, v]) => requests.get(k) === v)) return "Guaranteed";
  return "Burstable";
}
