// What the server fills in for a Service (upstream: SetDefaults_Service):
//
// - type ClusterIP, sessionAffinity None (ClientIP gets a 10800 s timeout);
// - each port: protocol TCP, targetPort = port;
// - externalTrafficPolicy Cluster for externally accessible services
//   (NodePort, LoadBalancer, ClusterIP with externalIPs),
//   internalTrafficPolicy Cluster for all but ExternalName services;
// - allocateLoadBalancerNodePorts true for LoadBalancer services;
// - a load balancer ingress with an IP gets ipMode VIP.
//
// Cluster IPs, node ports and the IP family fields depend on the cluster's
// ranges: allocation/ fills them in, with the clusterIP/clusterIPs
// normalisation below.

import { DEFAULT_CLIENT_IP_TIMEOUT_SECONDS, type Service, type ServiceSpec } from "./schema.js";

/** NodePort and LoadBalancer services, and ClusterIP services with external IPs, take traffic from outside. */
export function externallyAccessible(svc: Service): boolean {
  const spec = svc.spec ?? {};
  return spec.type === "NodePort" || spec.type === "LoadBalancer" || (spec.type === "ClusterIP" && (spec.externalIPs ?? []).length > 0);
}

export function applyServiceDefaults(svc: Service): void {
  const spec: ServiceSpec = (svc.spec ??= {});
  if (!spec.sessionAffinity) spec.sessionAffinity = "None";
  if (!spec.type) spec.type = "ClusterIP";
  for (const port of spec.ports ?? []) {
    if (!port.protocol) port.protocol = "TCP";
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === "") port.targetPort = port.port;
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = "Cluster";
  if (spec.type !== "ExternalName" && spec.internalTrafficPolicy === undefined) spec.internalTrafficPolicy = "Cluster";
  if (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
  if (spec.sessionAffinity === "ClientIP" && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT_SECONDS } };
  }
  for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
    if (ingress.ip && ingress.ipMode === undefined) ingress.ipMode = "VIP";
  }
}

/** On create: a client that sets only clusterIP (an older one) gets clusterIPs to match (upstream: normalizeClusterIPs). */
export function mirrorClusterIP(svc: Service): void {
  const spec = svc.spec;
  if (spec?.clusterIP && (spec.clusterIPs === undefined || spec.clusterIPs.length === 0)) spec.clusterIPs = [spec.clusterIP];
}

/**
 * On update, what a client meant with clusterIP and clusterIPs (upstream:
 * normalizeClusterIPs): an older client sends only clusterIP, so clusterIPs
 * follows it when the client left clusterIPs as stored.
 */
export function normalizeClusterIPsOnUpdate(svc: Service, old: Service): void {
  const spec = svc.spec;
  const oldSpec = old.spec ?? {};
  if (spec === undefined) return;
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    (a ?? []).length === (b ?? []).length && (a ?? []).every((v, i) => v === (b ?? [])[i]);
  if ((oldSpec.clusterIPs ?? []).length > 0 && (spec.clusterIPs ?? []).length === 0 && (oldSpec.clusterIP ?? "") === (spec.clusterIP ?? "")) {
    spec.clusterIPs = [...(oldSpec.clusterIPs ?? [])];
  }
  if ((oldSpec.clusterIP ?? "") !== (spec.clusterIP ?? "")) {
    if (oldSpec.clusterIP && !spec.clusterIP) {
      if (same(oldSpec.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs;
    } else if (same(oldSpec.clusterIPs, spec.clusterIPs) && spec.clusterIP) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}
