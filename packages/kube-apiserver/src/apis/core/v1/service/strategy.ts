// How Services are written (upstream: pkg/registry/core/service/strategy.go
// and the service REST storage):
//
// - create: status is reset to an empty load balancer status;
// - update: on a change of type, fields only the old type used are cleared
//   (unless the client changed them); status is kept (the status
//   subresource changes it);
// - no metadata.generation.
//
// Cluster IPs, IP families and node ports are not the strategy's: the
// services storage takes them from the cluster's ranges before these steps
// run (allocation/service-storage.ts), as upstream's BeginCreate and
// BeginUpdate do.

import { nameIsDNS1035Label } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyServiceDefaults, externallyAccessible } from "./defaults.js";
import type { Service } from "./schema.js";
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from "./validation.js";

const needsNodePorts = (t: string | undefined) => t === "NodePort" || t === "LoadBalancer";
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
  },
  prepareForUpdate: dropTypeDependentFields,
  validate: validateService,
  validateUpdate: validateServiceUpdate,
  validateStatusUpdate: validateServiceStatusUpdate,
  canonicalize: dropGeneration,
  // As upstream: a PUT of a missing service creates it.
  allowCreateOnUpdate: true,
};
