// What the server fills in when a Pod is decoded (upstream: SetDefaults_Pod
// on top of SetDefaults_PodSpec): containers' requests default to their
// limits, and service links are on. The phase and QoS class are set by the
// strategy on create.

import { applyPodSpecDefaults } from "../pod-spec/defaults.js";
import type { Container } from "../pod-spec/schema.js";
import type { Pod } from "./schema.js";

function requestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (!limits || Object.keys(limits).length === 0) return;
  const requests = { ...c.resources?.requests };
  for (const [name, value] of Object.entries(limits)) if (requests[name] === undefined) requests[name] = value;
  c.resources = { ...c.resources, requests };
}

export function applyPodDefaults(pod: Pod): void {
  pod.spec ??= { containers: [] };
  const spec = pod.spec;
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) requestsFromLimits(c);
  spec.enableServiceLinks ??= true;
  applyPodSpecDefaults(spec);
}
