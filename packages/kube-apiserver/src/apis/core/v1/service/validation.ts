// Validation of Services (upstream v1.32: ValidateServiceCreate,
// ValidateServiceUpdate, ValidateServiceStatusUpdate): names are DNS-1035
// labels (the strategy's validateName); here the spec's enums, ports, IPs
// and selector, the fields each type allows, and what cannot change
// (cluster IPs and IP families once set, loadBalancerClass, the health
// check node port).

import {
  type FieldError,
  FieldPath,
  forbidden,
  duplicate,
  invalid,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  notSupported,
  required,
  validateLabels,
} from "@tskube/apimachinery";
import { isIP } from "node:net";
import {
  CLUSTER_IP_NONE,
  IP_FAMILIES,
  IP_FAMILY_POLICIES,
  MAX_CLIENT_IP_TIMEOUT_SECONDS,
  PROTOCOLS,
  SERVICE_TYPES,
  SESSION_AFFINITIES,
  TRAFFIC_POLICIES,
  type Service,
  type ServicePort,
} from "./schema.js";
import { externallyAccessible } from "./defaults.js";
import { ipv6Bytes } from "./allocation/ip-address.js";

const PORT_RANGE_MESSAGE = "must be between 1 and 65535, inclusive";
const IP_MESSAGE = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
const TRAFFIC_DISTRIBUTIONS = ["PreferClose"] as const;

/** An IP in a field that has always taken IPs (upstream: IsValidIPForLegacyField, without its warnings). */
export function validateLegacyIP(ip: string, path: FieldPath): FieldError[] {
  return isIP(ip) === 0 ? [invalid(path, ip, IP_MESSAGE)] : [];
}
const sorted = (values: readonly string[]) => [...values].sort();

export function isValidPortNum(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** A named port (IANA_SVC_NAME): at most 15 lower-case alphanumerics and '-', with a letter, no '--', no '-' at the ends. */
export function isValidPortName(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(name)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(name)) errs.push("must contain at least one letter (a-z)");
  if (name.includes("--")) errs.push("must not contain consecutive hyphens");
  if (name.startsWith("-") || name.endsWith("-")) errs.push("must not begin or end with a hyphen");
  return errs;
}

/**
 * An IP that can be used as a destination: not unspecified, loopback or
 * link-local (upstream: ValidateNonSpecialIP).
 */
export function validateNonSpecialIP(ip: string, path: FieldPath): FieldError[] {
  const kind = isIP(ip);
  if (kind === 0) return [invalid(path, ip, "must be a valid IP address")];
  const errs: FieldError[] = [];
  let unspecified: boolean, loopback: boolean, linkLocal: boolean, linkLocalMulticast: boolean;
  if (kind === 4) {
    const [a = 0, b = 0, c = 0] = ip.split(".").map(Number);
    unspecified = ip === "0.0.0.0";
    loopback = a === 127;
    linkLocal = a === 169 && b === 254;
    linkLocalMulticast = a === 224 && b === 0 && c === 0;
  } else {
    const bytes = ipv6Bytes(ip) ?? [];
    const b0 = bytes[0] ?? 0;
    const b1 = bytes[1] ?? 0;
    unspecified = bytes.every((x) => x === 0);
    loopback = bytes.slice(0, 15).every((x) => x === 0) && bytes[15] === 1;
    linkLocal = b0 === 0xfe && (b1 & 0xc0) === 0x80;
    linkLocalMulticast = b0 === 0xff && (b1 & 0x0f) === 0x02;
  }
  if (unspecified) errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
  if (loopback) errs.push(invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
  if (linkLocal) errs.push(invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
  if (linkLocalMulticast) errs.push(invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
  return errs;
}

function validatePort(port: ServicePort, type: string, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = port.name ?? "";
  if (requireName && name === "") errs.push(required(path.child("name"), ""));
  else if (name !== "") for (const msg of isDNS1123Label(name)) errs.push(invalid(path.child("name"), name, msg));
  if (!isValidPortNum(port.port)) errs.push(invalid(path.child("port"), port.port, PORT_RANGE_MESSAGE));
  const protocol = port.protocol ?? "";
  if (protocol === "") errs.push(required(path.child("protocol"), ""));
  else if (!(PROTOCOLS as readonly string[]).includes(protocol)) errs.push(notSupported(path.child("protocol"), protocol, sorted(PROTOCOLS)));
  const target = port.targetPort;
  if (typeof target === "number") {
    if (!isValidPortNum(target)) errs.push(invalid(path.child("targetPort"), target, PORT_RANGE_MESSAGE));
  } else if (typeof target === "string") {
    for (const msg of isValidPortName(target)) errs.push(invalid(path.child("targetPort"), target, msg));
  }
  if (port.appProtocol !== undefined) {
    for (const msg of isQualifiedName(port.appProtocol)) errs.push(invalid(path.child("appProtocol"), port.appProtocol, msg));
  }
  // (Upstream's node port allocator checks the range it allocates from; here only the port range.)
  if (port.nodePort !== undefined && port.nodePort !== 0 && type !== "ClusterIP" && !isValidPortNum(port.nodePort)) {
    errs.push(invalid(path.child("nodePort"), port.nodePort, PORT_RANGE_MESSAGE));
  }
  return errs;
}

function oneOf(path: FieldPath, value: string | undefined, values: readonly string[], mustBeSet: boolean): FieldError[] {
  if (value === undefined || value === "") return mustBeSet ? [required(path, "")] : [];
  return values.includes(value) ? [] : [notSupported(path, value, sorted(values))];
}

const isHeadless = (svc: Service) => svc.spec?.clusterIPs?.length === 1 && svc.spec.clusterIPs[0] === CLUSTER_IP_NONE;

/**
 * clusterIP, clusterIPs and ipFamilies agree, and the IPs are valid
 * (upstream: ValidateServiceClusterIPsRelatedFields). The allocator runs it
 * too, before it looks at the IPs (allocation/allocators.ts).
 */
export function validateClusterIPsRelatedFields(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  if (spec.type === "ExternalName") return [];
  const errs: FieldError[] = [];
  const ipsPath = FieldPath.root("spec", "clusterIPs");
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required(ipsPath, ""));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid(ipsPath, ips, "first value must match `clusterIP`"));
  } else if (ips.length > 0) {
    errs.push(invalid(ipsPath, ips, "must be empty when `clusterIP` is not specified"));
  }
  const families = spec.ipFamilies ?? [];
  const seen = new Set<string>();
  families.forEach((family, i) => {
    const path = FieldPath.root("spec", "ipFamilies").index(i);
    if (!(IP_FAMILIES as readonly string[]).includes(family)) errs.push(notSupported(path, family, [...IP_FAMILIES]));
    else if (seen.has(family)) errs.push(duplicate(path, family));
    seen.add(family);
  });
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === CLUSTER_IP_NONE) {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid(ipsPath, ips, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = validateLegacyIP(ip, ipsPath.index(i));
    if (ipErrs.length > 0) badIPs = true;
    errs.push(...ipErrs);
  });
  if (ips.length > 2) errs.push(invalid(ipsPath, ips, "may only hold up to 2 values"));
  if (badIPs) return errs;
  if (ips.length > 1) {
    const v6 = ips.filter((ip) => isIP(ip) === 6).length;
    if (v6 === 0 || v6 === ips.length) errs.push(invalid(ipsPath, ips, "may specify no more than one IP for each IP family"));
  }
  if (!isHeadless(svc)) {
    ips.forEach((ip, i) => {
      const family = families[i];
      if (family === "IPv4" && isIP(ip) === 6) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (family === "IPv6" && isIP(ip) !== 6) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

export function validateService(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const specPath = FieldPath.root("spec");
  const type = spec.type ?? "";
  const headless = isHeadless(svc);

  const ports = spec.ports ?? [];
  const portsPath = specPath.child("ports");
  if (ports.length === 0 && !headless && type !== "ExternalName") errs.push(required(portsPath, ""));
  if ((type === "NodePort" || type === "LoadBalancer") && headless) {
    errs.push(invalid(specPath.child("clusterIPs").index(0), CLUSTER_IP_NONE, `may not be set to 'None' for ${type} services`));
  }
  if (type === "ExternalName") {
    const notForExternalName = "may not be set for ExternalName services";
    if ((spec.clusterIPs ?? []).length > 0) errs.push(forbidden(specPath.child("clusterIPs"), notForExternalName));
    if ((spec.ipFamilies ?? []).length > 0) errs.push(forbidden(specPath.child("ipFamilies"), notForExternalName));
    if (spec.ipFamilyPolicy !== undefined) errs.push(forbidden(specPath.child("ipFamilyPolicy"), notForExternalName));
    // A trailing dot (a fully qualified name) is allowed.
    const externalName = (spec.externalName ?? "").replace(/\.$/, "");
    if (externalName === "") errs.push(required(specPath.child("externalName"), ""));
    else for (const msg of isDNS1123Subdomain(externalName)) errs.push(invalid(specPath.child("externalName"), externalName, msg));
  }

  const names = new Set<string>();
  ports.forEach((port, i) => {
    const path = portsPath.index(i);
    errs.push(...validatePort(port, type, ports.length > 1, path));
    const name = port.name ?? "";
    if (name !== "") {
      if (names.has(name)) errs.push(duplicate(path.child("name"), name));
      names.add(name);
    }
  });

  errs.push(...validateLabels(spec.selector, specPath.child("selector")));

  errs.push(...oneOf(specPath.child("sessionAffinity"), spec.sessionAffinity, SESSION_AFFINITIES, true));
  const affinityPath = specPath.child("sessionAffinityConfig");
  if (spec.sessionAffinity === "ClientIP") {
    const why = "when session affinity type is ClientIP";
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (spec.sessionAffinityConfig === undefined) errs.push(required(affinityPath, why));
    else if (spec.sessionAffinityConfig.clientIP === undefined) errs.push(required(affinityPath.child("clientIP"), why));
    else if (timeout === undefined) errs.push(required(affinityPath.child("clientIP", "timeoutSeconds"), why));
    else if (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT_SECONDS) {
      errs.push(invalid(affinityPath.child("clientIP", "timeoutSeconds"), timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT_SECONDS}`));
    }
  } else if (spec.sessionAffinity === "None" && spec.sessionAffinityConfig !== undefined) {
    errs.push(forbidden(affinityPath, "must not be set when session affinity is None"));
  }

  errs.push(...validateClusterIPsRelatedFields(svc));

  (spec.externalIPs ?? []).forEach((ip, i) => {
    const path = specPath.child("externalIPs").index(i);
    const ipErrs = validateLegacyIP(ip, path);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(ip, path)));
  });

  errs.push(...oneOf(specPath.child("type"), type, SERVICE_TYPES, true));

  if (type === "ClusterIP") {
    ports.forEach((port, i) => {
      if (port.nodePort) errs.push(forbidden(portsPath.index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  // The same node port, or the same port, twice for one protocol.
  // (Upstream prints a duplicate port as a Go struct; here it is JSON.)
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    if (!port.nodePort) return;
    const key = `${port.protocol ?? ""}/${port.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(portsPath.index(i).child("nodePort"), port.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((port, i) => {
    const key = `${port.protocol ?? ""}/${port.port}`;
    if (portKeys.has(key)) errs.push(duplicate(portsPath.index(i), { port: port.port, protocol: port.protocol ?? "" }));
    portKeys.add(key);
  });

  if ((spec.loadBalancerSourceRanges ?? []).length > 0 && type !== "LoadBalancer") {
    // (Upstream's field path really is capitalised here.)
    errs.push(forbidden(specPath.child("LoadBalancerSourceRanges"), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type !== "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== undefined) {
    errs.push(forbidden(specPath.child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts === undefined) {
    // (Upstream's path really lacks the `spec.` here.)
    errs.push(required("allocateLoadBalancerNodePorts", ""));
  }
  if (type === "LoadBalancer") {
    if (spec.loadBalancerClass !== undefined) {
      for (const msg of isQualifiedName(spec.loadBalancerClass)) errs.push(invalid("spec.loadBalancerClass", spec.loadBalancerClass, msg));
    }
  } else if (spec.loadBalancerClass !== undefined) {
    errs.push(forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"));
  }

  const etpPath = specPath.child("externalTrafficPolicy");
  if (!externallyAccessible(svc)) {
    if (spec.externalTrafficPolicy) errs.push(invalid(etpPath, spec.externalTrafficPolicy, "may only be set for externally-accessible services"));
  } else {
    errs.push(...oneOf(etpPath, spec.externalTrafficPolicy, TRAFFIC_POLICIES, true));
  }
  // (A LoadBalancer service with the Local policy always has a health check
  // node port here: the allocator gives it one before validation runs.)
  const hcnp = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hcnp !== 0) {
      errs.push(invalid("spec.healthCheckNodePort", hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hcnp !== 0 && !isValidPortNum(hcnp)) {
    errs.push(invalid("spec.healthCheckNodePort", hcnp, PORT_RANGE_MESSAGE));
  }
  errs.push(...oneOf(specPath.child("internalTrafficPolicy"), spec.internalTrafficPolicy, TRAFFIC_POLICIES, type !== "ExternalName"));
  errs.push(...oneOf(specPath.child("ipFamilyPolicy"), spec.ipFamilyPolicy, IP_FAMILY_POLICIES, false));
  if (spec.trafficDistribution !== undefined && !(TRAFFIC_DISTRIBUTIONS as readonly string[]).includes(spec.trafficDistribution)) {
    errs.push(notSupported("spec.trafficDistribution", spec.trafficDistribution, [...TRAFFIC_DISTRIBUTIONS]));
  }
  return errs;
}

const needsHealthCheck = (svc: Service) => svc.spec?.type === "LoadBalancer" && svc.spec.externalTrafficPolicy === "Local";
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Cluster IPs can be added (a second family) or the secondary one released, but never changed. */
function validateClusterIPsChange(svc: Service, old: Service): FieldError[] {
  if (svc.spec?.type === "ExternalName" || old.spec?.type === "ExternalName") return [];
  if (isHeadless(old) && isHeadless(svc)) return [];
  const errs: FieldError[] = [];
  const oldIPs = old.spec?.clusterIPs ?? [];
  const ips = svc.spec?.clusterIPs ?? [];
  const path = FieldPath.root("spec", "clusterIPs");
  const changed = "may not change once set";
  if (oldIPs.length === ips.length) {
    if (!sameList(oldIPs, ips)) oldIPs.forEach((ip, i) => ip !== ips[i] && errs.push(invalid(path.index(i), ips, changed)));
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) errs.push(invalid(path.index(0), ips, "primary clusterIP can not be unset"));
    if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(invalid(path.index(0), ips, changed));
    if (ips.length === 1 && svc.spec?.ipFamilyPolicy !== "SingleStack") {
      errs.push(invalid("spec.ipFamilyPolicy", svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    errs.push(invalid(path.index(0), ips, changed));
  }
  return errs;
}

/** IP families follow the same rule as the cluster IPs. */
function validateIPFamiliesChange(svc: Service, old: Service): FieldError[] {
  if (svc.spec?.type === "ExternalName" || old.spec?.type === "ExternalName") return [];
  if (isHeadless(old) !== isHeadless(svc) || isHeadless(svc)) return [];
  const errs: FieldError[] = [];
  const oldFamilies = old.spec?.ipFamilies ?? [];
  const families = svc.spec?.ipFamilies ?? [];
  const path = FieldPath.root("spec", "ipFamilies").index(0);
  const changed = "may not change once set";
  if (oldFamilies.length === families.length) {
    oldFamilies.forEach((f, i) => f !== families[i] && errs.push(invalid(path, families, changed)));
  } else if (oldFamilies.length > families.length) {
    if ((svc.spec?.clusterIPs ?? []).length === 0) errs.push(invalid(path, families, "primary ipFamily can not be unset"));
    if (families.length > 0 && families[0] !== oldFamilies[0]) errs.push(invalid(path, svc.spec?.clusterIPs ?? [], changed));
    if (families.length === 1 && svc.spec?.ipFamilyPolicy !== "SingleStack") {
      errs.push(invalid("spec.ipFamilyPolicy", svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldFamilies.length > 0 && families.length > 0 && families[0] !== oldFamilies[0]) {
    errs.push(invalid(path, svc.spec?.clusterIPs ?? [], changed));
  }
  return errs;
}

export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs: FieldError[] = [...validateClusterIPsChange(svc, old), ...validateIPFamiliesChange(svc, old)];
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.type === "LoadBalancer" && oldSpec.type === "LoadBalancer" && spec.loadBalancerClass !== oldSpec.loadBalancerClass) {
    errs.push(invalid("spec.loadBalancerClass", spec.loadBalancerClass ?? null, "may not change once set"));
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && (spec.healthCheckNodePort ?? 0) !== (oldSpec.healthCheckNodePort ?? 0)) {
    errs.push(forbidden("spec.healthCheckNodePort", "field is immutable"));
  }
  errs.push(...validateService(svc));
  return errs;
}

/** A status write: ingress only for LoadBalancer services, each with a valid IP (and its ipMode) or DNS name. */
export function validateServiceStatusUpdate(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root("status", "loadBalancer", "ingress");
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0 && svc.spec?.type !== "LoadBalancer") {
    return [forbidden(path, "may only be used when `spec.type` is 'LoadBalancer'")];
  }
  ingress.forEach((ing, i) => {
    const at = path.index(i);
    if (ing.ip) errs.push(...validateLegacyIP(ing.ip, at.child("ip")));
    if (ing.ipMode === undefined) {
      if (ing.ip) errs.push(required(at.child("ipMode"), "must be specified when `ip` is set"));
    } else if (!ing.ip) {
      errs.push(forbidden(at.child("ipMode"), "may not be specified when `ip` is not set"));
    } else if (ing.ipMode !== "VIP" && ing.ipMode !== "Proxy") {
      errs.push(notSupported(at.child("ipMode"), ing.ipMode, ["Proxy", "VIP"]));
    }
    if (ing.hostname) {
      for (const msg of isDNS1123Subdomain(ing.hostname)) errs.push(invalid(at.child("hostname"), ing.hostname, msg));
      if (isIP(ing.hostname) !== 0) errs.push(invalid(at.child("hostname"), ing.hostname, "must be a DNS name, not an IP address"));
    }
  });
  return errs;
}
