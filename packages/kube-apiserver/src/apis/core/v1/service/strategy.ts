// How Services are written (upstream: pkg/registry/core/service/strategy.go
// and the service REST storage):
//
// - create: status is reset to an empty load balancer status; clusterIP and
//   clusterIPs are mirrored and the IP families filled in;
// - update: on a change of type, fields only the old type used are cleared
//   (unless the client changed them); values the server assigned (cluster IPs, IP families, node
//   ports, health check node port) are kept when the new object leaves them
//   out, as `kubectl apply` and `kubectl replace` do; status is kept (the
//   status subresource changes it);
// - no metadata.generation.

import { nameIsDNS1035Label } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import {
  applyServiceDefaults,
  defaultIPFamilies,
  externallyAccessible,
  mirrorClusterIP,
  normalizeClusterIPsOnUpdate,
} from "./defaults.js";

const needsNodePorts = (t: string | undefined) => t === "NodePort" || t === "LoadBalancer";
import type { Service } from "./schema.js";
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from "./validation.js";

/**
 * Copies what the server assigned from the stored object where the new one
 * omits it (upstream: patchAllocatedValues): cluster IPs and IP families
 * while both types use them, node ports (matched by port and protocol)
 * while both types use them, and the health check node port.
 */
export function keepAllocatedValues(svc: Service, old: Service): void {
  const spec = svc.spec;
  const oldSpec = old.spec;
  if (spec === undefined || oldSpec === undefined) return;
  if (spec.type !== "ExternalName" && oldSpec.type !== "ExternalName") {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && (oldSpec.clusterIPs ?? []).length > 0) spec.clusterIPs = [...(oldSpec.clusterIPs ?? [])];
    if (spec.ipFamilies === undefined && oldSpec.ipFamilies !== undefined) spec.ipFamilies = [...oldSpec.ipFamilies];
    if (spec.ipFamilyPolicy === undefined && oldSpec.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
  }
  if (needsNodePorts(spec.type) && needsNodePorts(oldSpec.type)) {
    for (const port of spec.ports ?? []) {
      if (port.nodePort) continue;
      const match = (oldSpec.ports ?? []).find((p) => p.port === port.port && (p.protocol ?? "TCP") === (port.protocol ?? "TCP"));
      if (match?.nodePort) port.nodePort = match.nodePort;
    }
  }
  const needsHealthCheck = (s: typeof spec) => s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local";
  if (needsHealthCheck(spec) && needsHealthCheck(oldSpec) && !spec.healthCheckNodePort && oldSpec.healthCheckNodePort) {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) =>
  JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
const nodePortsOf = (svc: Service) => new Set((svc.spec?.ports ?? []).flatMap((p) => (p.nodePort ? [p.nodePort] : [])));

/**
 * On a change of type, clears what the old type used and the new one does
 * not (cluster IPs and families, node ports, health check node port,
 * allocateLoadBalancerNodePorts, loadBalancerClass, externalTrafficPolicy,
 * the load balancer status), but only where the client left the old value
 * untouched: a value the client changed is left for validation to judge.
 */
export function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = (svc.spec ??= {});
  const oldSpec = old.spec ?? {};
  if (oldSpec.type !== "ExternalName" && spec.type === "ExternalName") {
    if ((spec.clusterIP ?? "") === (oldSpec.clusterIP ?? "") && sameList(spec.clusterIPs, oldSpec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(spec.ipFamilies, oldSpec.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === oldSpec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePorts(oldSpec.type) && !needsNodePorts(spec.type)) {
    const oldPorts = nodePortsOf(old);
    if ([...nodePortsOf(svc)].every((p) => oldPorts.has(p))) for (const port of spec.ports ?? []) delete port.nodePort;
  }
  const needsHealthCheck = (s: typeof spec) => s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local";
  if (needsHealthCheck(oldSpec) && !needsHealthCheck(spec) && spec.healthCheckNodePort === oldSpec.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  if (oldSpec.type === "LoadBalancer" && spec.type !== "LoadBalancer") {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (spec.loadBalancerClass === oldSpec.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(svc) && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== "LoadBalancer" && svc.status !== undefined) svc.status = { ...svc.status, loadBalancer: {} };
}

export const serviceStrategy: Strategy<Service> = {
  validateName: nameIsDNS1035Label,
  applyDefaults: applyServiceDefaults,
  prepareForCreate(svc) {
    svc.status = { loadBalancer: {} };
    mirrorClusterIP(svc);
    defaultIPFamilies(svc);
  },
  prepareForUpdate(svc, old) {
    dropTypeDependentFields(svc, old);
    keepAllocatedValues(svc, old);
    normalizeClusterIPsOnUpdate(svc, old);
    defaultIPFamilies(svc);
  },
  validate: validateService,
  validateUpdate: validateServiceUpdate,
  validateStatusUpdate: validateServiceStatusUpdate,
  canonicalize: dropGeneration,
  // As upstream: a PUT of a missing service creates it.
  allowCreateOnUpdate: true,
};
